//! Loading data from the API when a component mounts or its inputs change.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use yew::prelude::*;

use crate::api::ApiError;

/// Where a load stands.
#[derive(Debug)]
pub enum Load<T> {
    Loading,
    Ready(Rc<T>),
    Failed(ApiError),
}

impl<T> Clone for Load<T> {
    fn clone(&self) -> Self {
        match self {
            Load::Loading => Load::Loading,
            Load::Ready(value) => Load::Ready(value.clone()),
            Load::Failed(err) => Load::Failed(err.clone()),
        }
    }
}

impl<T> PartialEq for Load<T> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Load::Loading, Load::Loading) => true,
            (Load::Ready(a), Load::Ready(b)) => Rc::ptr_eq(a, b),
            (Load::Failed(a), Load::Failed(b)) => a == b,
            _ => false,
        }
    }
}

impl<T> Load<T> {
    /// The value, when loaded.
    pub fn ready(&self) -> Option<&Rc<T>> {
        match self {
            Load::Ready(value) => Some(value),
            _ => None,
        }
    }
}

/// Runs `fetch(deps)` whenever `deps` change (or `reload` is called) and returns its state.
/// An answer to an older run never overwrites a newer one.
#[hook]
pub fn use_load<T, D, F, Fut>(deps: D, fetch: F) -> (Load<T>, Callback<()>)
where
    T: 'static,
    D: PartialEq + Clone + 'static,
    F: FnOnce(D) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = use_state(|| Load::Loading);
    let generation = use_state(|| 0u32);
    let latest = use_mut_ref(|| Rc::new(Cell::new(0u32)));
    {
        let state = state.clone();
        let latest = latest.borrow().clone();
        use_effect_with((deps, *generation), move |(deps, _)| {
            let run = latest.get().wrapping_add(1);
            latest.set(run);
            state.set(Load::Loading);
            let future = fetch(deps.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = future.await;
                if latest.get() == run {
                    state.set(match result {
                        Ok(value) => Load::Ready(Rc::new(value)),
                        Err(err) => Load::Failed(err),
                    });
                }
            });
        });
    }
    let reload = {
        let generation = generation.clone();
        Callback::from(move |()| generation.set(generation.wrapping_add(1)))
    };
    ((*state).clone(), reload)
}
