use super::*;

fn paras(ex: &Extracted) -> Vec<&str> {
    ex.paragraphs.iter().map(|&(a, b)| &ex.text[a..b]).collect()
}

fn check_links(ex: &Extracted) {
    for l in &ex.links {
        assert_eq!(l.text, &ex.text[l.start..l.end]);
        assert_eq!(l.text.trim(), l.text);
    }
    for &(a, b) in &ex.paragraphs {
        let p = &ex.text[a..b];
        assert!(!p.is_empty() && p.trim() == p);
    }
}

#[test]
fn inline_tags_do_not_split_words() {
    let ex = extract_fragment("<p>wo<b>r</b>d, <i>one</i><span>two</span> three</p>", None);
    assert_eq!(ex.text, "word, onetwo three");
}

#[test]
fn blocks_and_nesting() {
    let ex = extract_fragment(
        "<div>First <em>para</em>.<div><p>Nested   one.</p><p>Nested two.</p></div>Tail text</div>",
        None,
    );
    assert_eq!(
        paras(&ex),
        ["First para.", "Nested one.", "Nested two.", "Tail text"]
    );
    assert_eq!(
        ex.text,
        "First para.\n\nNested one.\n\nNested two.\n\nTail text"
    );
    check_links(&ex);
}

#[test]
fn entities_and_whitespace() {
    let ex = extract_fragment(
        "<p>Tom&nbsp;&amp;\n\t Jerry&#8217;s &lt;show&gt; &eacute;t&eacute;</p>",
        None,
    );
    assert_eq!(ex.text, "Tom & Jerry\u{2019}s <show> été");
}

#[test]
fn br_and_lists() {
    let ex = extract_fragment(
        "<p>line one<br>line two<br><br>next para</p><ul><li>alpha</li><li>beta <b>b</b></li></ul>",
        None,
    );
    assert_eq!(
        paras(&ex),
        ["line one line two", "next para", "alpha", "beta b"]
    );
}

#[test]
fn scripts_and_styles_dropped() {
    let ex = extract_fragment(
        "<p>a<script>var x = 1;</script>b</p><style>p{}</style><noscript>no</noscript><svg><text>s</text></svg><template>t</template>",
        None,
    );
    assert_eq!(ex.text, "ab");
}

#[test]
fn link_spans_exclude_whitespace_and_resolve() {
    let ex = extract_fragment(
        r#"<p>as<a href="/tags/turkey/"> Turkey</a>, and <a href="https://x.org/a">the <b>UN</b> </a>said</p>"#,
        Some("https://example.com/news/"),
    );
    assert_eq!(ex.text, "as Turkey, and the UN said");
    assert_eq!(ex.links.len(), 2);
    assert_eq!(ex.links[0].text, "Turkey");
    assert_eq!(ex.links[0].href, "https://example.com/tags/turkey/");
    assert_eq!(ex.links[1].text, "the UN");
    assert_eq!(ex.links[1].href, "https://x.org/a");
    check_links(&ex);
    // without a base the href stays as written
    let ex = extract_fragment(r#"<a href="/x">X</a>"#, None);
    assert_eq!(ex.links[0].href, "/x");
}

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head>
<title>Rebels take the city | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<link rel="canonical" href="https://planet.example/world/2024/12/04/rebels/">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"Daily Planet"},
 {"@type":"NewsArticle","headline":"Rebels take the city","datePublished":"2024-12-04T09:30:00+01:00",
  "author":{"@type":"Person","name":"Lois Lane"},"publisher":{"name":"Daily Planet"}}]}</script>
</head><body>
<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/world/">World</a></li><li><a href="/sport/">Sport</a></li></ul></nav>
<header class="masthead"><a href="/">Daily Planet</a></header>
<main><article>
<h1>Rebels take the city</h1>
<p>Rebel forces entered the northern city of Aleppo on Friday after a lightning offensive, the
<a href="/tags/syria/">Syrian</a> observatory said, in the biggest challenge to the government in years.</p>
<p>Thousands of civilians fled south along the main highway as fighting spread to the outskirts,
residents told reporters by telephone, describing scenes of panic at checkpoints.</p>
<p>The army said it had redeployed troops to protect the city and that reinforcements were on their
way, while allied aircraft struck rebel positions in the countryside west of the city overnight.</p>
<p>Diplomats in Geneva called for an immediate ceasefire and urged all sides to protect civilians and
allow humanitarian agencies to reach those in need without delay or conditions.</p>
</article>
<section class="comments"><h3>Comments</h3>
<div class="comment"><p>This is terrible news, I hope everyone stays safe out there tonight.</p></div>
<div class="comment"><p>Great reporting as always, thank you for keeping us informed every day.</p></div>
</section></main>
<footer><p>Copyright Daily Planet. All rights reserved.</p><a href="/about">About us</a></footer>
</body></html>"#;

#[test]
fn full_page_keeps_article_only() {
    assert!(is_full_page(PAGE));
    let ex = extract_page(PAGE, None);
    assert!(
        ex.text.contains("Rebel forces entered the northern city"),
        "{}",
        ex.text
    );
    assert!(ex.text.contains("without delay or conditions."));
    assert!(!ex.text.contains("Home"), "nav kept: {}", ex.text);
    assert!(
        !ex.text.contains("terrible news"),
        "comments kept: {}",
        ex.text
    );
    assert!(!ex.text.contains("Copyright"), "footer kept: {}", ex.text);
    check_links(&ex);
    let syr: Vec<_> = ex.links.iter().filter(|l| l.text == "Syrian").collect();
    assert_eq!(syr.len(), 1);
    // relative links resolve against the canonical URL when no base is given
    assert_eq!(syr[0].href, "https://planet.example/tags/syria/");
    let m = &ex.meta;
    assert_eq!(m.site_name.as_deref(), Some("Daily Planet"));
    assert_eq!(m.title.as_deref(), Some("Rebels take the city"));
    assert_eq!(m.published.as_deref(), Some("2024-12-04T09:30:00+01:00"));
    assert_eq!(m.author.as_deref(), Some("Lois Lane"));
    assert_eq!(m.lang.as_deref(), Some("en"));
    assert_eq!(
        m.url.as_deref(),
        Some("https://planet.example/world/2024/12/04/rebels/")
    );
}

#[test]
fn meta_tag_date_beats_json_ld_and_title_suffix_stripped() {
    let html = r#"<html><head><title>Big story - Gazette</title>
<meta property="og:site_name" content="Gazette">
<meta property="article:published_time" content="2019-11-18T14:05:00Z">
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2001-01-01"}</script>
</head><body><article><header><time datetime="1999-01-01">x</time></header><p>Body.</p></article></body></html>"#;
    let ex = extract_page(html, Some("https://gazette.example/a"));
    assert_eq!(ex.meta.published.as_deref(), Some("2019-11-18T14:05:00Z"));
    assert_eq!(ex.meta.title.as_deref(), Some("Big story"));
    assert_eq!(ex.meta.site_name.as_deref(), Some("Gazette"));
}

#[test]
fn time_element_date_is_last_resort() {
    let html = r#"<html><body><article><header><time datetime="2020-02-03">Feb 3</time></header>
<p>Body text of the story.</p></article></body></html>"#;
    let ex = extract_page(html, None);
    assert_eq!(ex.meta.published.as_deref(), Some("2020-02-03"));
}

#[test]
fn fragment_detection() {
    assert!(!is_full_page("<p>Just a <a href='x'>fragment</a></p>"));
    assert!(is_full_page("<!doctype html><p>x</p>"));
    assert!(is_full_page("<HTML><body>x</body></HTML>"));
}

#[test]
fn seed_fragment_links() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seed/000_0d6959d4305744fe.txt");
    let Ok(html) = std::fs::read_to_string(&path) else {
        println!("skipped: ../shared not found ({})", path.display());
        return;
    };
    assert!(!is_full_page(&html));
    let ex = extract_fragment(&html, None);
    check_links(&ex);
    assert_eq!(ex.links.len(), 13, "{:#?}", ex.links);
    let distinct: std::collections::HashSet<_> = ex.links.iter().map(|l| &l.href).collect();
    assert_eq!(distinct.len(), 12);
    let turkey = ex
        .links
        .iter()
        .find(|l| l.href.ends_with("/tags/turkey/"))
        .unwrap();
    assert_eq!(turkey.text, "Turkey");
    assert!(ex.text.contains("such as Turkey, two senior"));
    assert!(ex.text.contains("told The National."));
    assert!(!ex.text.contains('<'));
}

#[test]
fn dropped_lines_keep_link_offsets_valid() {
    let mut body = String::new();
    for i in 0..6 {
        body.push_str(&format!(
            "<p>Paragraph {i} of the story says that the <a href=\"/p{i}\">minister</a> spoke at length \
             about the budget and the economy on Monday, according to officials present.</p>"
        ));
    }
    let html = format!(
        "<html><body><article>{body}<p>Updated 5:27 am CST, Wednesday, November 20, 2019</p>\
         <p>Related</p><p><a href=\"/x\">Other story one</a></p><p><a href=\"/y\">Other story two</a></p>\
         </article></body></html>"
    );
    let ex = extract_page(&html, Some("https://news.example/a/b"));
    check_links(&ex);
    assert!(!ex.text.contains("Updated 5:27"), "{}", ex.text);
    assert!(!ex.text.contains("Other story"), "{}", ex.text);
    assert_eq!(ex.links.len(), 6);
    assert_eq!(ex.links[5].href, "https://news.example/p5");
}

#[test]
fn degenerate_inputs() {
    for html in ["", "plain text only", "<html></html>", "<p>", "<<<>>>&&&"] {
        let ex = extract_page(html, None);
        check_links(&ex);
        let ex = extract_fragment(html, Some("not a url"));
        check_links(&ex);
    }
}
