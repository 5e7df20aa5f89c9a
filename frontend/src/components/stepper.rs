//! The wizard's navigator (Bootstrap Italia "steppers" header).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StepperProps {
    pub steps: Vec<&'static str>,
    /// Index of the current step.
    pub current: usize,
}

/// Steps done, the current one, and those to come.
#[component]
pub fn Stepper(props: &StepperProps) -> Html {
    let total = props.steps.len();
    html! {
        <nav class="steppers mb-4" aria-label="Passaggi della richiesta">
            <div class="steppers-header">
                <ul>
                    { for props.steps.iter().enumerate().map(|(i, label)| {
                        let state = if i < props.current { "confirmed" } else if i == props.current { "active" } else { "" };
                        html! {
                            <li class={state} aria-current={(i == props.current).then_some("step")}>
                                { *label }
                                if i < props.current {
                                    <svg class="icon steppers-success" aria-hidden="true" focusable="false">
                                        <use href="/bootstrap-italia/svg/sprites.svg#it-check"></use>
                                    </svg>
                                    <span class="visually-hidden">{ " (completato)" }</span>
                                }
                            </li>
                        }
                    }) }
                </ul>
                <span class="steppers-index" aria-hidden="true">
                    { format!("{}/{}", (props.current + 1).min(total), total) }
                </span>
            </div>
        </nav>
    }
}
