//! How each component comes into the product: the shortest chain from a root (the BOM's subject,
//! the described package, the workspace members) through nesting and dependency edges. Reports
//! show it as "introduced via a → b → c" and as SARIF `codeFlows`.
//!
//! The search is a breadth-first search from every root at once, visiting children in component
//! order, so the path chosen among several of the same length is always the same; a visited set
//! makes cycles harmless.
//!
//! A path can be as long as the BOM (a chain of 50,000 dependencies), and every component on it
//! can have a finding: handing each finding its whole path costs N²/2 steps. [`Introductions::
//! bounded`] gives the ends of a path and the count of the steps between, in time bounded by the
//! ends' length, so that what a finding carries does not grow with the BOM.

use std::collections::VecDeque;

use super::{ComponentId, Inventory};

/// The predecessor of every component on a shortest path from a root.
#[derive(Debug, Clone)]
pub struct Introductions {
    /// `None` for roots and for components no root reaches.
    predecessor: Vec<Option<ComponentId>>,
    reached: Vec<bool>,
    /// Steps from a root (0 for a root).
    depth: Vec<u32>,
    /// The ancestor at depth [`HEAD_ANCHOR_DEPTH`] (the component itself when it is no deeper),
    /// so that the head of a long path is found without walking the whole path.
    anchor: Vec<ComponentId>,
}

/// The longest head [`Introductions::bounded`] can give: the anchor depth plus one.
const HEAD_ANCHOR_DEPTH: u32 = 15;

/// The two ends of a path and how many steps between them are left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundedPath {
    /// From the root.
    pub head: Vec<ComponentId>,
    /// Steps between head and tail (0 when the path is whole: then `tail` is empty).
    pub omitted: usize,
    /// Ending with the component itself.
    pub tail: Vec<ComponentId>,
}

impl Introductions {
    pub(crate) fn new(inventory: &Inventory<'_>) -> Self {
        let n = inventory.components.len();
        let mut children: Vec<Vec<ComponentId>> = vec![Vec::new(); n];
        let mut has_parent = vec![false; n];
        for id in inventory.ids() {
            if let Some(p) = inventory.component(id).parent {
                children[p.index()].push(id);
                has_parent[id.index()] = true;
            }
            for (to, _) in inventory.graph.successors(id) {
                children[id.index()].push(to);
                has_parent[to.index()] = true;
            }
        }
        for list in &mut children {
            list.sort_unstable();
            list.dedup();
        }
        let declared: Vec<ComponentId> = inventory
            .ids()
            .filter(|id| inventory.component(*id).is_root)
            .collect();
        let roots = if declared.is_empty() {
            // No subject is named: every component nothing points at starts a chain.
            inventory
                .ids()
                .filter(|id| !has_parent[id.index()])
                .collect()
        } else {
            declared
        };
        let mut predecessor = vec![None; n];
        let mut reached = vec![false; n];
        let mut depth = vec![0u32; n];
        let mut anchor: Vec<ComponentId> = inventory.ids().collect();
        let mut queue = VecDeque::new();
        for r in roots {
            reached[r.index()] = true;
            queue.push_back(r);
        }
        while let Some(at) = queue.pop_front() {
            for &next in &children[at.index()] {
                if !reached[next.index()] {
                    reached[next.index()] = true;
                    predecessor[next.index()] = Some(at);
                    let d = depth[at.index()] + 1;
                    depth[next.index()] = d;
                    if d > HEAD_ANCHOR_DEPTH {
                        anchor[next.index()] = anchor[at.index()];
                    }
                    queue.push_back(next);
                }
            }
        }
        Introductions {
            predecessor,
            reached,
            depth,
            anchor,
        }
    }

    /// The chain from a root to `id` with at most `head` steps from the root and `tail` steps to
    /// `id` (`head` of at most 16, `tail` at least 1), and the number of steps left out between;
    /// a path no longer than `head + tail` is given whole as `head`. `None` when no root reaches
    /// `id`. Takes time in `head + tail`, not in the length of the path.
    pub fn bounded(&self, id: ComponentId, head: usize, tail: usize) -> Option<BoundedPath> {
        if !self.reached.get(id.index()).copied().unwrap_or(false) {
            return None;
        }
        let head = head.min(HEAD_ANCHOR_DEPTH as usize + 1);
        let tail = tail.max(1);
        let len = self.depth[id.index()] as usize + 1;
        if len <= head + tail {
            return Some(BoundedPath {
                head: self.path(id).unwrap_or_default(),
                omitted: 0,
                tail: Vec::new(),
            });
        }
        let walk = |from: ComponentId, steps: usize| {
            let mut out = vec![from];
            let mut at = from;
            while out.len() < steps
                && let Some(p) = self.predecessor[at.index()]
            {
                out.push(p);
                at = p;
            }
            out.reverse();
            out
        };
        // The path is longer than the anchor depth, so the anchor is at depth 15 and the path
        // from the root to it has 16 steps, of which the first `head` are kept.
        let mut from_root = walk(self.anchor[id.index()], usize::MAX);
        from_root.truncate(head);
        Some(BoundedPath {
            head: from_root,
            omitted: len - head - tail,
            tail: walk(id, tail),
        })
    }

    /// The chain from a root to `id`, root first and `id` last; `None` when no root reaches it.
    pub fn path(&self, id: ComponentId) -> Option<Vec<ComponentId>> {
        if !self.reached.get(id.index()).copied().unwrap_or(false) {
            return None;
        }
        let mut path = vec![id];
        let mut at = id;
        while let Some(p) = self.predecessor[at.index()] {
            path.push(p);
            at = p;
        }
        path.reverse();
        Some(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::{Component, DependencyGraph, EdgeKind, Format, SourceFile};

    fn inventory(names: &[&str], edges: &[(u32, u32)], root: Option<u32>) -> Inventory<'static> {
        let mut inv = Inventory::new(
            SourceFile {
                path: "x".into(),
                display: "x".into(),
            },
            Format::CycloneDxJson,
            "1.6".into(),
            "",
        );
        inv.components = names
            .iter()
            .enumerate()
            .map(|(i, n)| Component {
                name: n.to_string().into(),
                is_root: root == Some(i as u32),
                ..Component::default()
            })
            .collect();
        let mut graph = DependencyGraph::with_nodes(names.len());
        for &(a, b) in edges {
            graph.add_edge(ComponentId(a), ComponentId(b), EdgeKind::DependsOn);
        }
        inv.graph = graph;
        inv
    }

    fn names(inv: &Inventory<'_>, path: Option<Vec<ComponentId>>) -> Vec<String> {
        path.unwrap_or_default()
            .into_iter()
            .map(|id| inv.component(id).name.to_string())
            .collect()
    }

    #[test]
    fn the_shortest_path_wins_and_ties_go_to_the_first_component() {
        // app → a → c → d, app → b → d: d is reached through b (shorter).
        let inv = inventory(
            &["app", "a", "b", "c", "d"],
            &[(0, 1), (0, 2), (1, 3), (3, 4), (2, 4)],
            Some(0),
        );
        let intro = Introductions::new(&inv);
        assert_eq!(names(&inv, intro.path(ComponentId(4))), ["app", "b", "d"]);
        // app → a → x, app → b → x: the tie goes to a, the lower component.
        let inv = inventory(
            &["app", "a", "b", "x"],
            &[(0, 2), (0, 1), (2, 3), (1, 3)],
            Some(0),
        );
        let intro = Introductions::new(&inv);
        assert_eq!(names(&inv, intro.path(ComponentId(3))), ["app", "a", "x"]);
    }

    #[test]
    fn cycles_are_harmless_and_unreached_components_have_no_path() {
        let inv = inventory(
            &["app", "a", "b", "orphan"],
            &[(0, 1), (1, 2), (2, 1)],
            Some(0),
        );
        let intro = Introductions::new(&inv);
        assert_eq!(names(&inv, intro.path(ComponentId(2))), ["app", "a", "b"]);
        assert_eq!(intro.path(ComponentId(3)), None);
        assert_eq!(names(&inv, intro.path(ComponentId(0))), ["app"]);
    }

    #[test]
    fn a_long_path_keeps_its_ends_and_counts_the_steps_between() {
        let names: Vec<String> = (0..100).map(|i| format!("c{i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let edges: Vec<(u32, u32)> = (0..99).map(|i| (i, i + 1)).collect();
        let inv = inventory(&refs, &edges, Some(0));
        let intro = Introductions::new(&inv);
        let b = intro.bounded(ComponentId(99), 10, 10).unwrap();
        let ids = |v: &[ComponentId]| v.iter().map(|c| c.0).collect::<Vec<_>>();
        assert_eq!(ids(&b.head), (0..10).collect::<Vec<_>>());
        assert_eq!(ids(&b.tail), (90..100).collect::<Vec<_>>());
        assert_eq!(b.omitted, 80);
        // Exactly head + tail steps: whole, in the head.
        let b = intro.bounded(ComponentId(19), 10, 10).unwrap();
        assert_eq!(ids(&b.head), (0..20).collect::<Vec<_>>());
        assert_eq!((b.omitted, b.tail.len()), (0, 0));
        // One more: one step left out.
        let b = intro.bounded(ComponentId(20), 10, 10).unwrap();
        assert_eq!(b.omitted, 1);
        assert_eq!(ids(&b.tail), (11..21).collect::<Vec<_>>());
        // Just past the anchor depth.
        let b = intro.bounded(ComponentId(16), 2, 2).unwrap();
        assert_eq!(
            (ids(&b.head), b.omitted, ids(&b.tail)),
            (vec![0, 1], 13, vec![15, 16])
        );
    }

    #[test]
    fn without_a_declared_root_every_unpointed_component_starts_a_chain() {
        let inv = inventory(&["x", "y", "z"], &[(0, 1), (1, 2)], None);
        let intro = Introductions::new(&inv);
        assert_eq!(names(&inv, intro.path(ComponentId(2))), ["x", "y", "z"]);
    }
}
