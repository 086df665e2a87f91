//! Reading a stored JSON result (a file, a batch, or the one an HTML or
//! XLSX report carries) strictly: every kind of value as serde_json
//! reads it, a key given twice refused, a batch one entry at a time, and
//! anything that is not a result named; errors placed and said in the
//! assessor's language.

use crate::message::Text;
use crate::message::t;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// Whether a stored value is a result: an object with the digests every
/// result carries. A batch holding anything else (a number, an object
/// without them) is refused whole rather than verified in part, since
/// what a batch holds besides its results is not bscore's.
pub(crate) fn is_result(value: &Value) -> bool {
    let provenance = &value["provenance"];
    value.is_object()
        && provenance["audit_sha256"].is_string()
        && provenance["checklist_sha256"].is_string()
}

/// Why the value at `position` (`None`: the file's one value) is not a
/// result.
pub(crate) fn not_result_reason(position: Option<usize>) -> Text {
    match position {
        Some(at) => t!(
            "第 [{at}] 项不是评价结果（缺少 provenance.audit_sha256 与 provenance.checklist_sha256）；批量结果中只能有 bscore 写出的结果",
            "entry [{at}] is not a result (it has no provenance.audit_sha256 and provenance.checklist_sha256); a batch holds only results bscore wrote"
        ),
        None => t!(
            "缺少 provenance.audit_sha256 与 provenance.checklist_sha256，每份 bscore 结果都有这两项",
            "it has no provenance.audit_sha256 and provenance.checklist_sha256, which every bscore result has"
        ),
    }
}

/// Reads `json` strictly ([`parse_strict`]) one stored value at a time:
/// each entry of an array with its position, or the file's one value,
/// handed to `each` and dropped, so that memory holds one entry, not the
/// file. Or why it cannot be read, and the byte offset where it stops.
pub(crate) fn for_each_entry(
    json: &str,
    mut each: impl FnMut(Option<usize>, Value),
) -> Result<(), (Text, usize)> {
    let mut reader = serde_json::Deserializer::from_str(json);
    let read = (reader.deserialize_any(Entries(&mut each))).and_then(|()| reader.end());
    read.map_err(|error| {
        let at = offset_of(json, error.line(), error.column()).start;
        (json_reason(&error), at)
    })
}

/// The visitor of [`for_each_entry`]: an array's entries one by one, any
/// other value whole.
pub(crate) struct Entries<'f, F>(&'f mut F);

impl<'de, F: FnMut(Option<usize>, Value)> Visitor<'de> for Entries<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut position = 0;
        while let Some(Strict(entry)) = seq.next_element()? {
            (self.0)(Some(position), entry);
            position += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<(), A::Error> {
        (self.0)(None, StrictVisitor.visit_map(access)?);
        Ok(())
    }

    fn visit_bool<E>(self, value: bool) -> Result<(), E> {
        (self.0)(None, Value::Bool(value));
        Ok(())
    }

    fn visit_i64<E>(self, value: i64) -> Result<(), E> {
        (self.0)(None, Value::from(value));
        Ok(())
    }

    fn visit_u64<E>(self, value: u64) -> Result<(), E> {
        (self.0)(None, Value::from(value));
        Ok(())
    }

    fn visit_f64<E>(self, value: f64) -> Result<(), E> {
        (self.0)(None, Value::from(value));
        Ok(())
    }

    fn visit_str<E>(self, value: &str) -> Result<(), E> {
        (self.0)(None, Value::String(value.to_string()));
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        (self.0)(None, Value::Null);
        Ok(())
    }
}

/// "Not a JSON result: REASON", in both languages.
pub(crate) fn not_a_result(reason: &Text) -> Text {
    let (zh, en) = (&reason.zh, &reason.en);
    t!("不是 bscore 的 JSON 结果：{zh}", "not a JSON result: {en}")
}

/// `json` read strictly ([`parse_strict`]), or why not, in both
/// languages, and the byte offset in `json` where it stops.
pub(crate) fn read_json(json: &str) -> Result<Value, (Text, usize)> {
    parse_strict(json).map_err(|error| {
        let at = offset_of(json, error.line(), error.column()).start;
        (json_reason(&error), at)
    })
}

/// Why serde_json could not read a text, without its "at line … column
/// …" (the place is shown apart), in both languages.
pub(crate) fn json_reason(error: &serde_json::Error) -> Text {
    let full = error.to_string();
    let en = match full.rfind(" at line ") {
        Some(at) => full[..at].to_string(),
        None => full,
    };
    if let Some(key) = en
        .strip_prefix("the key `")
        .and_then(|rest| rest.strip_suffix("` is given twice in one object"))
    {
        return t!(
            "同一个对象中键 `{key}` 出现了两次（读取程序只保留其一，改动可能藏在另一个里）",
            "the key `{key}` is given twice in one object (a reader keeps only one, and a change could hide in the other)"
        );
    }
    let zh = match en.as_str() {
        reason if reason.starts_with("EOF while parsing") => "JSON 在此处中断，不完整".to_string(),
        "expected value" => {
            "此处应为一个值（对象、数组、字符串、数字、true、false 或 null）".to_string()
        }
        "expected `,` or `}`" => "此处应为 `,` 或 `}`".to_string(),
        "expected `,` or `]`" => "此处应为 `,` 或 `]`".to_string(),
        "expected `:`" => "此处应为 `:`".to_string(),
        "expected ident" => "此处应为 true、false 或 null".to_string(),
        "key must be a string" => "键必须是带双引号的字符串".to_string(),
        "trailing characters" => "JSON 结束后还有多余的字符".to_string(),
        "trailing comma" => "`]` 或 `}` 前多了一个逗号：最后一项后面不写逗号".to_string(),
        "invalid escape" => "无效的转义序列".to_string(),
        "invalid number" => "无效的数字".to_string(),
        "number out of range" => "数字超出范围".to_string(),
        "invalid unicode code point" => "无效的 Unicode 码位".to_string(),
        "recursion limit exceeded" => "嵌套层数过多".to_string(),
        reason if reason.starts_with("control character") => {
            "字符串中有未转义的控制字符".to_string()
        }
        reason if reason.contains("surrogate") => "无效的 UTF-16 代理项转义".to_string(),
        other => format!("无法解析（{other}）"),
    };
    Text::new(zh, en)
}

/// The byte offset of a 1-based line and column (in bytes, as serde_json
/// counts them) of `text`.
pub(crate) fn offset_of(text: &str, line: usize, column: usize) -> std::ops::Range<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let at = (start + column.saturating_sub(1)).min(text.len());
    at..at
}

/// JSON read as `serde_json` reads it, except that a key given twice in an
/// object is an error: a reader keeps one of the two, and a tampered
/// result could hide its change behind the other.
pub fn parse_strict(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str::<Strict>(text).map(|strict| strict.0)
}

pub(crate) struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(Strict)
    }
}

pub(crate) struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_string()))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            if map.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "the key `{key}` is given twice in one object"
                )));
            }
            let Strict(value) = access.next_value()?;
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strict_parsing_reads_every_kind_of_value_as_serde_json_does() {
        let text = r#"{"negative": -7, "large": 18446744073709551615, "float": 0.25,
            "yes": true, "no": false, "none": null, "text": "四星级", "escaped": "a\"b",
            "list": [1, "x", [], {}], "nested": {"score_exact": "90"}}"#;
        let expected: Value = serde_json::from_str(text).unwrap();
        assert_eq!(parse_strict(text).unwrap(), expected);
    }

    /// The first value that is not a result, read one at a time.
    fn first_not_a_result(json: &str) -> Option<Option<usize>> {
        let mut first = None;
        for_each_entry(json, |position, value| {
            if first.is_none() && !is_result(&value) {
                first = Some(position);
            }
        })
        .unwrap();
        first
    }

    #[test]
    fn a_batch_holding_anything_but_results_is_refused() {
        let result = r#"{"provenance": {"audit_sha256": "aa", "checklist_sha256": "cc"}}"#;
        assert_eq!(first_not_a_result(result), None);
        assert_eq!(first_not_a_result(&format!("[{result}, {result}]")), None);
        let batch = format!("[{result}, 5, {result}]");
        assert_eq!(first_not_a_result(&batch), Some(Some(1)));
        assert!(not_result_reason(Some(1)).en.starts_with("entry [1] "));
        let batch = format!(r#"[{result}, {{"provenance": {{}}}}]"#);
        assert_eq!(first_not_a_result(&batch), Some(Some(1)));
        assert_eq!(first_not_a_result(r#"{"score": 90}"#), Some(None));
        assert_eq!(first_not_a_result("5"), Some(None));
    }

    #[test]
    fn stored_values_are_read_one_by_one_as_strictly_as_a_whole_file() {
        let mut seen = Vec::new();
        for_each_entry(r#"[{"a": 1}, [2], null]"#, |position, value| {
            seen.push((position, value))
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                (Some(0), json!({"a": 1})),
                (Some(1), json!([2])),
                (Some(2), Value::Null)
            ]
        );
        let (reason, _) = for_each_entry(r#"[{"a": 1, "a": 2}]"#, |_, _| ()).unwrap_err();
        assert!(
            reason.en.contains("the key `a` is given twice"),
            "{}",
            reason.en
        );
        let (reason, at) = for_each_entry("[1] x", |_, _| ()).unwrap_err();
        assert_eq!((reason.zh.as_str(), at), ("JSON 结束后还有多余的字符", 4));
    }

    #[test]
    fn a_trailing_comma_is_named_as_one() {
        let error = serde_json::from_str::<Value>("[1, 2,]").unwrap_err();
        let reason = json_reason(&error);
        assert_eq!(reason.en, "trailing comma");
        assert!(reason.zh.contains("多了一个逗号"), "{}", reason.zh);
        let error = serde_json::from_str::<Value>("[1] 2").unwrap_err();
        assert_eq!(json_reason(&error).zh, "JSON 结束后还有多余的字符");
    }

    #[test]
    fn a_key_given_twice_is_refused() {
        let error = parse_strict(r#"{"grade": "gold", "grade": "platinum"}"#).unwrap_err();
        assert!(
            error.to_string().contains("the key `grade` is given twice"),
            "{error}"
        );
        assert!(parse_strict(r#"{"a": [1, {"b": null}]}"#).is_ok());
    }
}
