//! Tests of [`super::breaches`].

#[test]
fn scratch() {
    let c = crate::checklist::Checklist::builtin();
    let s = super::init::starter(&c, crate::message::Lang::Zh);
    println!("{}", &s[..3000.min(s.len())]);
    match super::load::parse("start.toml", &s, &c) {
        Ok(l) => println!(
            "OK warnings {}",
            l.render_warnings("start.toml", &s, crate::message::Lang::Zh)
        ),
        Err(e) => println!("{}", e.render(crate::message::Lang::Zh)),
    }
    let bad = r#"title = "x"
[rule]
[rules]
title = " "
standard = "T/X"
[defaults]
levels = [0.5, 1, 0.50]
exclusoin = true
[indicators."4.2.c"]
methods = ["document", "访谈", "docment", "查阅文件和记录"]
levels = [ { coefficient = 0, when = "" }, { coefficient = 1.5 }, "0.5", { coeficient = 1 } ]
sample = { unit = " ", minimum = 0 }
exclusion = "否"
[indicators."4.2.x"]
[indicators."5.5.c"]
[indicators."5.5.d"]
methods = "document"
sample = { unit = "记录", minimum = 2.5 }
[indicators."7.1.a-1"]
levels = [0, 1]
methods = ["document"]
"#;
    match super::load::parse("bad.toml", bad, &c) {
        Ok(l) => println!("OK?? {:?}", l.warnings),
        Err(e) => println!(
            "{}\n-----\n{}",
            e.render(crate::message::Lang::Zh),
            e.render(crate::message::Lang::En)
        ),
    }
    let slip = "[rules]\ntitle = “示例”\nversion = \"1\"\n[indicators.\"4.1.a\"]\nlevels = [0，0.5，1]\nsample = { unit = \"x\", minimum = ５ }\n";
    match super::load::parse("slip.toml", slip, &c) {
        Ok(l) => println!("OK?? {:?}", l.warnings),
        Err(e) => println!("{}", e.render(crate::message::Lang::Zh)),
    }
    let warn = "[rules]\ntitle = \"t\"\nversion = \"1\"\n[indicators.\"7.1.a-1\"]\nlevels = [0, 1]\nmethods = [\"document\"]\nsample = { unit = \"x\", minimum = 5 }\n";
    match super::load::parse("warn.toml", warn, &c) {
        Ok(l) => println!(
            "{}",
            l.render_warnings("warn.toml", warn, crate::message::Lang::Zh)
        ),
        Err(e) => println!("{}", e.render(crate::message::Lang::Zh)),
    }
}
