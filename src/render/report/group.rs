//! The group page (`pith group --html`): each group's copies side by side, each marked with its
//! word diff against the canonical copy.

use std::collections::HashSet;
use std::io::Write;

use crate::diff::{word_changes, WordChange};
use crate::group::Group;
use crate::render::markup::escape;
use crate::Record;

/// Said above a copy whose word diff is coarse ([`crate::diff::DIFF_WORK`]).
const COARSE_NOTE: &str = "<p class=\"same\">A coarse diff: this copy and the canonical one are too long and too different to align word for word within pith's bound on work, so some changed stretches are marked whole, and the counts above are a coarser alignment's.</p>";

/// Writes what opens the group page's content, after [`write_page_start`](super::write_page_start).
pub fn write_groups_start(out: &mut impl Write) -> std::io::Result<()> {
    out.write_all(b"<main class=\"groups\">\n<header>\n<p class=\"kicker\">pith group</p>\n<h1>Copies of one article, side by side</h1>\n")?;
    out.write_all(b"<p class=\"note\">Each group's canonical copy comes first; every other copy shows its words against it: <del>removed</del> and <ins>added</ins>. A document with no copy is one line.</p>\n</header>\n")
}

/// Writes what closes the group page's content, before [`write_page_end`](super::write_page_end).
pub fn write_groups_end(out: &mut impl Write, groups: u64) -> std::io::Result<()> {
    if groups == 0 {
        out.write_all(b"<p class=\"note\">No documents.</p>\n")?;
    }
    out.write_all(b"</main>\n")
}

/// The element ids of one group page. A group's id names its canonical copy's source, and two
/// groups may share one (two JSONL inputs that both hold `a.html`), so a group whose id an
/// earlier group on the page took gets its place on the page after it (`g-…-7` for the
/// seventh): the ids are unique, and the same for the same input.
#[derive(Debug, Default)]
pub struct GroupIds {
    taken: HashSet<String>,
    written: usize,
}

impl GroupIds {
    /// The element id of the next group on the page.
    pub fn next(&mut self, group: &Group) -> String {
        self.written += 1;
        // A group's own id has no second `-`, so a suffixed id never takes another's place.
        let id = if self.taken.contains(&group.id) {
            format!("{}-{}", group.id, self.written)
        } else {
            group.id.clone()
        };
        self.taken.insert(id.clone());
        id
    }
}

/// Writes one group of `pith group --html`: its merged provenance, and its members side by
/// side, each other copy with its word diff against the canonical copy. `members` are the
/// group's records in member order (as [`crate::group::in_member_order`] gives them); a group
/// of one is a single line. `ids` gives its element id ([`GroupIds`]: one for the whole page).
pub fn write_group_html(
    out: &mut impl Write,
    group: &Group,
    members: &[&Record],
    ids: &mut GroupIds,
) -> std::io::Result<()> {
    let anchor = ids.next(group);
    let (anchor, id) = (escape(&anchor, true), escape(&group.id, false));
    if group.members.len() < 2 {
        let title = group.provenance.title.as_deref().unwrap_or_default();
        return writeln!(
            out,
            "<section class=\"card single\" id=\"{anchor}\"><p><span class=\"gid\">{id}</span><b>{}</b> {}</p></section>",
            escape(&group.canonical, false),
            escape(title, false)
        );
    }
    writeln!(
        out,
        "<section class=\"card group\" id=\"{anchor}\">\n<h2>{} <small>{id} · {} copies</small></h2>",
        escape(group.provenance.title.as_deref().unwrap_or(&group.canonical), false),
        group.members.len()
    )?;
    let p = &group.provenance;
    let fields = [
        ("title", p.title.clone()),
        ("authors", (!p.authors.is_empty()).then(|| p.authors.join("; "))),
        ("published", p.published.clone()),
        ("url", p.url.clone()),
        ("outlet", p.outlet.clone()),
    ];
    out.write_all(b"<dl class=\"merged\">")?;
    for (name, value) in fields {
        let Some(value) = value else { continue };
        let from = p
            .evidence
            .get(name)
            .map(|e| {
                format!(
                    " <span class=\"from\">{} from {}</span>",
                    escape(&e.evidence.rule, false),
                    escape(&e.member, false)
                )
            })
            .unwrap_or_default();
        write!(out, "<dt>{name}</dt><dd>{}{from}</dd>", escape(&value, false))?;
    }
    out.write_all(b"</dl>\n<div class=\"members\">\n")?;
    let canonical = members.first().map_or("", |r| r.text.as_str());
    for (i, (member, record)) in group.members.iter().zip(members).enumerate() {
        let class = if i == 0 { "member canonical" } else { "member" };
        let meta = if i == 0 {
            "canonical copy".to_string()
        } else if member.diff.is_empty() {
            format!("word similarity {:.3} · the same body", member.word_similarity)
        } else {
            format!(
                "word similarity {:.3} · <ins>+{}</ins> <del>−{}</del> words{}",
                member.word_similarity,
                member.words_added,
                member.words_removed,
                if member.coarse { " · coarse diff" } else { "" }
            )
        };
        write!(
            out,
            "<article class=\"{class}\"><h3>{}</h3><p class=\"meta\">{meta}</p>",
            escape(&member.source, false)
        )?;
        if i == 0 {
            write!(out, "<div class=\"body\">{}</div>", escape(canonical.trim_end(), false))?;
        } else if member.diff.is_empty() {
            out.write_all(b"<p class=\"same\">The same body as the canonical copy, word for word.</p>")?;
        } else {
            let changes = word_changes(canonical.trim_end(), record.text.trim_end());
            if changes.coarse {
                out.write_all(COARSE_NOTE.as_bytes())?;
            }
            out.write_all(b"<div class=\"body\">")?;
            for change in changes.changes {
                match change {
                    WordChange::Same(words) => out.write_all(escape(words, false).as_bytes())?,
                    WordChange::Removed(words) => write!(out, "<del>{}</del>", escape(words, false))?,
                    WordChange::Added(words) => write!(out, "<ins>{}</ins>", escape(words, false))?,
                }
            }
            out.write_all(b"</div>")?;
        }
        out.write_all(b"</article>\n")?;
    }
    out.write_all(b"</div>\n</section>\n")
}
