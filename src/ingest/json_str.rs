//! A JSON string as the JSON readers take it: borrowed from the input unless it contains escapes,
//! so that the offset of a borrowed string is its address minus the address of the text.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};

use crate::inventory::Text;

/// A JSON string (a key or a value), borrowed from the input unless it contains escapes.
pub(crate) struct JsonStr<'de>(pub Text<'de>);

impl<'de> de::Deserialize<'de> for JsonStr<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = JsonStr<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<JsonStr<'de>, E> {
                Ok(JsonStr(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<JsonStr<'de>, E> {
                Ok(JsonStr(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<JsonStr<'de>, E> {
                Ok(JsonStr(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_without_escapes_are_borrowed_from_the_input() {
        let text = r#"["plain", "esc\"aped"]"#;
        let [plain, escaped]: [JsonStr<'_>; 2] = serde_json::from_str(text).unwrap();
        assert!(matches!(plain.0, Cow::Borrowed("plain")));
        assert_eq!(plain.0.as_ptr() as usize - text.as_ptr() as usize, 2);
        assert!(matches!(escaped.0, Cow::Owned(ref s) if s == "esc\"aped"));
    }
}
