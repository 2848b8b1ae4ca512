//! How each component comes into the product: the shortest chain from a root (the BOM's subject,
//! the described package, the workspace members) through nesting and dependency edges. Reports
//! show it as "introduced via a → b → c" and as SARIF `codeFlows`.
//!
//! The search is a breadth-first search from every root at once, visiting children in component
//! order, so the path chosen among several of the same length is always the same; a visited set
//! makes cycles harmless.

use std::collections::VecDeque;

use super::{ComponentId, Inventory};

/// The predecessor of every component on a shortest path from a root.
#[derive(Debug, Clone)]
pub struct Introductions {
    /// `None` for roots and for components no root reaches.
    predecessor: Vec<Option<ComponentId>>,
    reached: Vec<bool>,
}

impl Introductions {
    pub fn new(inventory: &Inventory<'_>) -> Self {
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
                    queue.push_back(next);
                }
            }
        }
        Introductions {
            predecessor,
            reached,
        }
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
    fn without_a_declared_root_every_unpointed_component_starts_a_chain() {
        let inv = inventory(&["x", "y", "z"], &[(0, 1), (1, 2)], None);
        let intro = Introductions::new(&inv);
        assert_eq!(names(&inv, intro.path(ComponentId(2))), ["x", "y", "z"]);
    }
}
