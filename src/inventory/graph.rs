//! The dependency graph of one BOM: which component contains or depends on which.

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use super::ComponentId;

/// Why one component points at another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// The child is nested inside the parent (CycloneDX `components` within a component).
    Contains,
    /// The BOM's `dependencies` say the source depends on the target.
    DependsOn,
}

/// A directed graph whose node `i` is component `i` of the inventory.
#[derive(Debug, Clone, Default)]
pub struct DependencyGraph {
    graph: DiGraph<(), EdgeKind, u32>,
}

impl DependencyGraph {
    /// A graph with one node per component and no edges yet.
    pub fn with_nodes(count: usize) -> Self {
        let mut graph = DiGraph::with_capacity(count, count);
        for _ in 0..count {
            graph.add_node(());
        }
        DependencyGraph { graph }
    }

    /// Records that component `from` depends on `to`, as an edge of `kind`.
    pub fn add_edge(&mut self, from: ComponentId, to: ComponentId, kind: EdgeKind) {
        self.graph.add_edge(
            NodeIndex::new(from.index()),
            NodeIndex::new(to.index()),
            kind,
        );
    }

    /// The number of dependency edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Components that `id` points at, with the kind of each edge, in insertion order.
    pub fn successors(&self, id: ComponentId) -> Vec<(ComponentId, EdgeKind)> {
        let mut out: Vec<_> = self
            .graph
            .edges(NodeIndex::new(id.index()))
            .map(|e| (ComponentId(e.target().index() as u32), *e.weight()))
            .collect();
        // petgraph lists outgoing edges newest first; restore the order of the BOM.
        out.reverse();
        out
    }

    /// The underlying petgraph graph, for algorithms (paths, cycles).
    pub fn as_petgraph(&self) -> &DiGraph<(), EdgeKind, u32> {
        &self.graph
    }
}
