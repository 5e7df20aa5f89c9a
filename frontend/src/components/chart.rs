//! The statistics as a grouped bar chart drawn in SVG, with a text alternative.

use yew::prelude::*;

/// One series of the chart.
#[derive(Clone, PartialEq)]
pub struct Series {
    pub name: &'static str,
    /// CSS class giving the bars their colour.
    pub class: &'static str,
    pub values: Vec<i64>,
}

#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    pub id: AttrValue,
    pub title: AttrValue,
    pub labels: Vec<&'static str>,
    pub series: Vec<Series>,
}

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 300.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 70.0;
const LEFT: f64 = 40.0;

/// Bars per label, one per series, with the values written above them.
#[component]
pub fn BarChart(props: &BarChartProps) -> Html {
    let max = props
        .series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let group = (WIDTH - LEFT) / props.labels.len().max(1) as f64;
    let bar = (group * 0.7) / props.series.len().max(1) as f64;
    let description = props
        .labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let values: Vec<String> = props
                .series
                .iter()
                .map(|s| format!("{} {}", s.name, s.values.get(i).copied().unwrap_or(0)))
                .collect();
            format!("{label}: {}", values.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let title_id = format!("{}-title", props.id);
    let desc_id = format!("{}-desc", props.id);
    html! {
        <figure class="stats-chart">
            <svg
                viewBox={format!("0 0 {WIDTH} {HEIGHT}")}
                role="img"
                aria-labelledby={format!("{title_id} {desc_id}")}
                class="w-100 h-auto"
            >
                <title id={title_id}>{ props.title.clone() }</title>
                <desc id={desc_id}>{ description }</desc>
                <line x1={LEFT.to_string()} y1={(HEIGHT - BOTTOM).to_string()} x2={WIDTH.to_string()} y2={(HEIGHT - BOTTOM).to_string()} class="axis" />
                { for props.labels.iter().enumerate().map(|(i, label)| {
                    let x0 = LEFT + group * i as f64 + group * 0.15;
                    html! {
                        <g>
                            { for props.series.iter().enumerate().map(|(j, s)| {
                                let value = s.values.get(i).copied().unwrap_or(0);
                                let h = plot_height * value as f64 / max;
                                let x = x0 + bar * j as f64;
                                let y = HEIGHT - BOTTOM - h;
                                html! {
                                    <>
                                        <rect x={x.to_string()} y={y.to_string()} width={(bar - 2.0).max(1.0).to_string()} height={h.to_string()} class={s.class} />
                                        <text x={(x + bar / 2.0).to_string()} y={(y - 4.0).to_string()} text-anchor="middle" class="value">{ value }</text>
                                    </>
                                }
                            }) }
                            <text x={(x0 + group * 0.35).to_string()} y={(HEIGHT - BOTTOM + 18.0).to_string()} text-anchor="middle" class="label">
                                { *label }
                            </text>
                        </g>
                    }
                }) }
            </svg>
            <figcaption class="d-flex flex-wrap gap-3 small">
                { for props.series.iter().map(|s| html! {
                    <span><span class={classes!("legend-swatch", s.class)} aria-hidden="true"></span>{ s.name }</span>
                }) }
                <span>{ "I valori sono riportati anche nella tabella." }</span>
            </figcaption>
        </figure>
    }
}
