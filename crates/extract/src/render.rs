//! DOM -> clean text, paragraph ranges and link spans.
//!
//! Block elements end the current paragraph; inline elements add nothing, so
//! `wo<b>r</b>d` stays one word. Whitespace runs collapse to one space inside a
//! paragraph, and paragraphs are joined with `"\n\n"`.

use dom_query::NodeRef;
use url::Url;

use crate::RawLink;

/// Elements whose whole subtree is never text.
pub(crate) fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "head"
            | "title"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "select"
            | "textarea"
            | "button"
            | "input"
            | "audio"
            | "video"
            | "map"
    )
}

/// Elements that start and end a paragraph.
pub(crate) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "caption"
            | "ul"
            | "option"
    )
}

struct OpenLink {
    href: String,
    start: Option<usize>,
    end: usize,
}

pub(crate) struct Renderer<'u> {
    text: String,
    paragraphs: Vec<(usize, usize)>,
    links: Vec<RawLink>,
    para_start: usize,
    pending_space: bool,
    pending_break: bool,
    /// `<br>` elements seen since the last text; two in a row break the paragraph.
    br_run: u8,
    open: Vec<OpenLink>,
    base: Option<&'u Url>,
}

impl<'u> Renderer<'u> {
    pub(crate) fn new(base: Option<&'u Url>) -> Self {
        Renderer {
            text: String::new(),
            paragraphs: Vec::new(),
            links: Vec::new(),
            para_start: 0,
            pending_space: false,
            pending_break: false,
            br_run: 0,
            open: Vec::new(),
            base,
        }
    }

    pub(crate) fn finish(mut self) -> (String, Vec<(usize, usize)>, Vec<RawLink>) {
        if self.text.len() > self.para_start {
            self.paragraphs.push((self.para_start, self.text.len()));
        }
        // nested anchors close inner-first; report links in text order
        self.links.sort_by_key(|l| (l.start, l.end));
        (self.text, self.paragraphs, self.links)
    }

    fn block(&mut self) {
        self.pending_break = true;
        self.br_run = 0;
    }

    fn push_text(&mut self, s: &str) {
        let mut word_start: Option<usize> = None;
        for (i, c) in s.char_indices() {
            if c.is_whitespace() {
                if let Some(ws) = word_start.take() {
                    self.push_word(&s[ws..i]);
                }
                self.pending_space = true;
            } else if word_start.is_none() {
                word_start = Some(i);
            }
        }
        if let Some(ws) = word_start {
            self.push_word(&s[ws..]);
        }
    }

    fn push_word(&mut self, w: &str) {
        self.br_run = 0;
        if self.pending_break {
            if self.text.len() > self.para_start {
                self.paragraphs.push((self.para_start, self.text.len()));
                self.text.push_str("\n\n");
                self.para_start = self.text.len();
            }
            self.pending_break = false;
            self.pending_space = false;
        }
        if self.pending_space && self.text.len() > self.para_start {
            self.text.push(' ');
        }
        self.pending_space = false;
        let start = self.text.len();
        self.text.push_str(w);
        let end = self.text.len();
        for l in &mut self.open {
            if l.start.is_none() {
                l.start = Some(start);
            }
            l.end = end;
        }
    }

    fn resolve(&self, href: &str) -> String {
        let href = href.trim();
        match self.base {
            Some(b) => b
                .join(href)
                .map(|u| u.to_string())
                .unwrap_or_else(|_| href.to_string()),
            None => href.to_string(),
        }
    }

    /// Render `node` and its subtree.
    pub(crate) fn node(&mut self, node: &NodeRef, depth: usize) {
        if node.is_text() {
            let t = node.text();
            self.push_text(&t);
            return;
        }
        if !node.is_element() {
            if node.is_document() || node.is_fragment() {
                self.children(node, depth);
            }
            return;
        }
        let name = match node.qual_name_ref() {
            Some(q) => q.local.clone(),
            None => return,
        };
        let name: &str = &name;
        if is_skipped(name) {
            return;
        }
        if name == "br" {
            self.br_run += 1;
            if self.br_run >= 2 {
                self.pending_break = true;
            } else {
                self.pending_space = true;
            }
            return;
        }
        if name == "td" || name == "th" {
            self.pending_space = true;
            self.children(node, depth);
            self.pending_space = true;
            return;
        }
        if name == "img" || name == "wbr" {
            return;
        }
        let block = is_block(name);
        if block {
            self.block();
        }
        let href = if name == "a" { node.attr("href") } else { None };
        match href {
            Some(h) if !h.trim().is_empty() => {
                let href = self.resolve(&h);
                self.open.push(OpenLink {
                    href,
                    start: None,
                    end: 0,
                });
                self.children(node, depth);
                if let Some(l) = self.open.pop() {
                    if let Some(start) = l.start {
                        self.links.push(RawLink {
                            text: self.text[start..l.end].to_string(),
                            href: l.href,
                            start,
                            end: l.end,
                        });
                    }
                }
            }
            _ => self.children(node, depth),
        }
        if block {
            self.block();
        }
    }

    fn children(&mut self, node: &NodeRef, depth: usize) {
        if depth > 400 {
            // Pathologically deep markup: take the text flat.
            let t = node.text();
            self.push_text(&t);
            return;
        }
        let mut c = node.first_child();
        while let Some(ch) = c {
            self.node(&ch, depth + 1);
            c = ch.next_sibling();
        }
    }
}
