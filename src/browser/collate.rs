//! Ordering titles as a reader expects: the browser's collation (`Intl.Collator`), which puts
//! Chinese titles in pinyin order where the browser has that data, Latin titles alphabetically
//! whatever their case, and numbers by value ("Part 2" before "Part 10").

use std::cell::OnceCell;
use std::cmp::Ordering;

use js_sys::{Array, Function, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::view::TitleOrder;

/// Chinese pinyin collation: it also orders Latin letters and digits as readers expect, so a
/// mixed library sorts as one list. A browser without pinyin data falls back to its Chinese
/// default.
const LOCALE: &str = "zh-u-co-pinyin";

/// The browser's title order. The collator is made on the first comparison: loading its
/// Chinese data costs some 20 ms, which the app's start need not pay.
pub fn titles() -> TitleOrder {
    let collator: OnceCell<Function> = OnceCell::new();
    TitleOrder::new(move |a, b| {
        let compare = collator.get_or_init(|| {
            let options = Object::new();
            let _ = Reflect::set(&options, &"numeric".into(), &JsValue::TRUE);
            let _ = Reflect::set(&options, &"sensitivity".into(), &"base".into());
            Intl::Collator::new(&Array::of1(&LOCALE.into()), &options).compare()
        });
        let order = compare
            .call2(&JsValue::NULL, &a.into(), &b.into())
            .ok()
            .and_then(|n| n.as_f64())
            .unwrap_or(0.0);
        order.partial_cmp(&0.0).unwrap_or(Ordering::Equal)
    })
}
