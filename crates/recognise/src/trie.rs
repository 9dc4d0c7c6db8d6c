//! A byte trie over the normalised names, asked for the longest name that
//! starts at a given place of a text (names start only where words do, so
//! the recogniser needs no search through the middle of words).
//!
//! Nodes are numbered breadth first: the first levels, which every lookup
//! walks, sit together in memory. A node's edges are contiguous, their
//! bytes in one array that a lookup scans. Where only one name goes on
//! from a node, the rest of it is kept as a string ("tail") and compared at
//! once rather than walked node by node: most of the names' bytes are in
//! such tails, so the nodes stay few and in the cache. Built from the
//! sorted names in one pass, in a few milliseconds, so nothing is cached.

use std::collections::VecDeque;

/// No name ends at a node.
const NONE: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Node {
    /// Its edges: `first` up to the next node's `first`.
    first: u32,
    /// The name that ends here (after the tail, when there is one), or
    /// `NONE`.
    name: u32,
    /// The rest of the only name that goes on from here:
    /// `tails[tail..tail + tail_len]` (empty: none).
    tail: u32,
    tail_len: u32,
}

const EMPTY: Node = Node {
    first: 0,
    name: NONE,
    tail: 0,
    tail_len: 0,
};

pub(crate) struct Trie {
    /// The root's child for each first byte (0: none; the root is node 0).
    root: Box<[u32; 256]>,
    /// Every node, and one more whose `first` ends the last node's edges.
    nodes: Vec<Node>,
    /// Each edge's byte, and the node it leads to.
    labels: Vec<u8>,
    targets: Vec<u32>,
    tails: Vec<u8>,
}

impl Trie {
    /// The trie of `names`; a name's value is its index. Empty names are
    /// never found.
    pub fn new(names: &[String]) -> Trie {
        let mut order: Vec<u32> = (0..names.len() as u32).collect();
        let bytes = |i: u32| names[i as usize].as_bytes();
        order.sort_unstable_by(|&a, &b| bytes(a).cmp(bytes(b)));
        let mut nodes = vec![EMPTY];
        let mut labels = Vec::new();
        let mut targets = Vec::new();
        let mut tails = Vec::new();
        // Each node's names are a run of the sorted order, all sharing its
        // first `depth` bytes; nodes leave the queue in the order they were
        // numbered.
        let mut queue = VecDeque::from([(0..order.len(), 0)]);
        let mut id = 0;
        while let Some((run, depth)) = queue.pop_front() {
            nodes[id].first = labels.len() as u32;
            let mut k = run.start;
            if depth > 0 && run.len() == 1 && bytes(order[k]).len() > depth {
                let rest = &bytes(order[k])[depth..];
                nodes[id].name = order[k];
                nodes[id].tail = tails.len() as u32;
                nodes[id].tail_len = rest.len() as u32;
                tails.extend_from_slice(rest);
                id += 1;
                continue;
            }
            // The name that is this node's whole prefix sorts first.
            if k < run.end && bytes(order[k]).len() == depth {
                if depth > 0 {
                    nodes[id].name = order[k];
                }
                k += 1;
            }
            while k < run.end {
                let c = bytes(order[k])[depth];
                let mut j = k + 1;
                while j < run.end && bytes(order[j])[depth] == c {
                    j += 1;
                }
                labels.push(c);
                targets.push(nodes.len() as u32);
                nodes.push(EMPTY);
                queue.push_back((k..j, depth + 1));
                k = j;
            }
            id += 1;
        }
        nodes.push(Node {
            first: labels.len() as u32,
            ..EMPTY
        });
        let mut root = Box::new([0; 256]);
        for e in nodes[0].first..nodes[1].first {
            root[labels[e as usize] as usize] = targets[e as usize];
        }
        Trie {
            root,
            nodes,
            labels,
            targets,
            tails,
        }
    }

    /// The longest name that starts at byte `p` of `text`: where it ends
    /// and its index.
    pub fn longest_at(&self, text: &[u8], p: usize) -> Option<(usize, usize)> {
        let mut node = self.root[*text.get(p)? as usize] as usize;
        if node == 0 {
            return None;
        }
        let mut end = p + 1;
        let mut best = None;
        loop {
            let here = self.nodes[node];
            if here.tail_len > 0 {
                let rest = &self.tails[here.tail as usize..][..here.tail_len as usize];
                if text[end..].starts_with(rest) {
                    best = Some((end + rest.len(), here.name as usize));
                }
                break;
            }
            if here.name != NONE {
                best = Some((end, here.name as usize));
            }
            let Some(&c) = text.get(end) else { break };
            let (a, b) = (here.first as usize, self.nodes[node + 1].first as usize);
            match self.labels[a..b].iter().position(|&l| l == c) {
                Some(k) => {
                    node = self.targets[a + k] as usize;
                    end += 1;
                }
                None => break,
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_name_at_a_place() {
        let names: Vec<String> = ["ab", "a", "abcd", "b c", "xyz", "xyw"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let t = Trie::new(&names);
        let text = b"abcx abcd b c xy";
        assert_eq!(t.longest_at(text, 0), Some((2, 0)));
        assert_eq!(t.longest_at(text, 1), None);
        assert_eq!(t.longest_at(text, 5), Some((9, 2)));
        assert_eq!(t.longest_at(text, 10), Some((13, 3)));
        // A name's start that runs out of text is no name.
        assert_eq!(t.longest_at(text, 14), None);
        assert_eq!(t.longest_at(b"xywz", 0), Some((3, 5)));
        assert_eq!(t.longest_at(b"xyv", 0), None);
        assert_eq!(t.longest_at(text, 16), None);
        assert_eq!(Trie::new(&[]).longest_at(text, 0), None);
    }
}
