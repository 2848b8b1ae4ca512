//! What a `when` expression may cost, checked when it is compiled and bounded when it runs.
//!
//! A pull request can change `catscan.toml`, and a supplier writes the BOM its rules read. The
//! CEL parser and evaluator recurse once per level of an expression, without a limit of their
//! own, and a comprehension (`all`, `exists`, `map`, …) nested in another over a list the BOM
//! controls multiplies the work by the list's size. So:
//!
//! - before the parser sees it, an expression longer than the [`Limit::CelSize`] or nesting
//!   deeper than the [`Limit::CelDepth`] is refused where it passes the limit ([`check_text`]);
//! - once parsed, comprehensions nested deeper than the [`Limit::CelComprehensionDepth`] are
//!   refused at the one that passes it ([`check_comprehensions`]);
//! - when it runs, every comprehension first counts the size of what it iterates against the
//!   [`Limit::CelSteps`] of the evaluation ([`counted`], [`evaluate`]), and an evaluation that
//!   would pass it stops;
//! - parsing and evaluation run on a stack of a size set by the depth limit ([`on_own_stack`],
//!   [`on_parsing_stack`]),
//!   so that whether an expression can be evaluated never depends on the thread it runs on
//!   (`-j`: scanning threads have smaller stacks than the main thread).

use std::cell::Cell;

use cel::common::ast::{CallExpr, EntryExpr, Expr, IdedEntryExpr, IdedExpr};
use cel::common::value::CowVal;
use cel::{Env, ExecutionError, Program};

use super::CompileError;
use super::expression::line_and_column;
use crate::limits::Limit;

/// The function every comprehension's range is passed through: it counts the range's size.
const STEPS: &str = "@catscan_steps";

/// The stack one level of an expression may take when it is evaluated: about 40 KiB in a debug
/// build (measured: 1.2 MiB for 30 levels of brackets, member chains or operator chains), with
/// room to spare; an optimised build takes a fraction of it.
const EVALUATION_PER_LEVEL: usize = if cfg!(debug_assertions) {
    128 << 10
} else {
    32 << 10
};

/// The stack one level of an expression may take when it is parsed: about 170 KiB a bracket in
/// a debug build.
const PARSING_PER_LEVEL: usize = 512 << 10;

/// The levels an expression within the [`Limit::CelDepth`] has, with those the macros add.
fn levels() -> usize {
    Limit::CelDepth.value_usize().saturating_add(8)
}

/// Runs `f`, an evaluation, with at least the stack an expression within the
/// [`Limit::CelDepth`] needs: on the current stack when that much of it is left (a new stack
/// for every evaluation would cost a system call each), else on a new stack of twice that.
pub(super) fn on_own_stack<R>(f: impl FnOnce() -> R) -> R {
    let needed = levels().saturating_mul(EVALUATION_PER_LEVEL);
    stacker::maybe_grow(needed, needed.saturating_mul(2), f)
}

/// Runs `f`, a parse, on a new stack large enough for an expression within the
/// [`Limit::CelDepth`] (at least 16 MiB): an expression is parsed once.
pub(super) fn on_parsing_stack<R>(f: impl FnOnce() -> R) -> R {
    stacker::grow(levels().saturating_mul(PARSING_PER_LEVEL).max(16 << 20), f)
}

/// Adds the step-counting function to the environment rules are compiled and run in.
pub(super) fn register(env: &mut Env) {
    env.add_overload(
        STEPS,
        "catscan_steps_dyn",
        vec![cel::common::types::DYN_TYPE],
        count_steps,
    )
    .expect("the step-counting function has a name no library function has");
}

thread_local! {
    /// Comprehension steps left to the evaluation running on this thread.
    static STEPS_LEFT: Cell<u64> = const { Cell::new(u64::MAX) };
    /// Whether the evaluation running on this thread ran out of steps.
    static EXHAUSTED: Cell<bool> = const { Cell::new(false) };
}

/// `@catscan_steps(range)`: takes the range's size from the steps left, and gives the range back;
/// fails once the steps are used up (and every later comprehension of the evaluation fails at
/// once, so an error that `||` absorbs does not let the work go on).
fn count_steps<'b, 'v>(mut args: Vec<CowVal<'b, 'v>>) -> Result<CowVal<'b, 'v>, ExecutionError> {
    let range = args.remove(0);
    let size = range
        .as_sizer()
        .map_or(0, |s| u64::try_from(*s.size().inner()).unwrap_or(0));
    let left = STEPS_LEFT.get();
    if EXHAUSTED.get() || size > left {
        EXHAUSTED.set(true);
        return Err(ExecutionError::function_error(
            "comprehension",
            "out of steps",
        ));
    }
    STEPS_LEFT.set(left - size);
    Ok(range)
}

/// Runs one evaluation within the [`Limit::CelSteps`], on a stack of known size: its result, or
/// the message that says it ran out of steps.
pub(super) fn evaluate<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    STEPS_LEFT.set(Limit::CelSteps.value());
    EXHAUSTED.set(false);
    let result = on_own_stack(f);
    if EXHAUSTED.get() {
        let limit = Limit::CelSteps;
        return Err(format!(
            "its comprehensions would take more than {} steps, the {} limit (the lists they iterate are too large for loops nested this way); {}",
            limit.shown(),
            limit.name(),
            limit.raise_hint()
        ));
    }
    Ok(result)
}

/// `expr` with the range of every comprehension passed through the step-counting function.
pub(super) fn counted(expr: &IdedExpr) -> IdedExpr {
    let mut expr = expr.clone();
    count_ranges(&mut expr);
    expr
}

fn count_ranges(expr: &mut IdedExpr) {
    match &mut expr.expr {
        Expr::Unspecified | Expr::Literal(_) | Expr::Ident(_) => {}
        Expr::Select(select) => count_ranges(&mut select.operand),
        Expr::Call(call) => {
            if let Some(target) = call.target.as_deref_mut() {
                count_ranges(target);
            }
            call.args.iter_mut().for_each(count_ranges);
        }
        Expr::List(list) => list.elements.iter_mut().for_each(count_ranges),
        Expr::Map(map) => map.entries.iter_mut().for_each(count_entry),
        Expr::Struct(strct) => strct.entries.iter_mut().for_each(count_entry),
        Expr::Comprehension(c) => {
            for part in [
                &mut c.iter_range,
                &mut c.accu_init,
                &mut c.loop_cond,
                &mut c.loop_step,
                &mut c.result,
            ] {
                count_ranges(part);
            }
            let range = std::mem::take(&mut c.iter_range);
            c.iter_range = IdedExpr {
                id: range.id,
                expr: Expr::Call(CallExpr {
                    func_name: STEPS.to_string(),
                    target: None,
                    args: vec![range],
                }),
            };
        }
    }
}

fn count_entry(entry: &mut IdedEntryExpr) {
    match &mut entry.expr {
        EntryExpr::StructField(field) => count_ranges(&mut field.value),
        EntryExpr::MapEntry(entry) => {
            count_ranges(&mut entry.key);
            count_ranges(&mut entry.value);
        }
    }
}

/// The error for the first comprehension nested, in the loop of others, deeper than the
/// [`Limit::CelComprehensionDepth`], located at it. A comprehension in another's range runs
/// once, not once per element, and does not count as nested.
pub(super) fn check_comprehensions(
    program: &Program,
    expression: &str,
) -> Result<(), CompileError> {
    let limit = Limit::CelComprehensionDepth;
    let Some(id) = too_nested(program.expression(), 0, limit.value_usize()) else {
        return Ok(());
    };
    let (line, column) = program
        .source_info()
        .offset_for(id)
        .map(|(start, _)| line_and_column(expression, start as usize))
        .unzip();
    Err(CompileError {
        message: format!(
            "nests comprehensions (all, exists, exists_one, map, filter) in the loops of others more than {} deep, the {} limit: each level multiplies the work by the size of a list the BOM controls; split it into simpler rules, or {}",
            limit.shown(),
            limit.name(),
            limit.raise_hint()
        ),
        line,
        column,
        limit: Some(limit),
    })
}

/// The id of the first comprehension that is the `most + 1`th nested in loops, `depth` being
/// the number of loops `expr` is in.
fn too_nested(expr: &IdedExpr, depth: usize, most: usize) -> Option<u64> {
    let all = |exprs: Vec<&IdedExpr>| exprs.into_iter().find_map(|e| too_nested(e, depth, most));
    match &expr.expr {
        Expr::Unspecified | Expr::Literal(_) | Expr::Ident(_) => None,
        Expr::Select(select) => too_nested(&select.operand, depth, most),
        Expr::Call(call) => all(call
            .target
            .as_deref()
            .into_iter()
            .chain(&call.args)
            .collect()),
        Expr::List(list) => all(list.elements.iter().collect()),
        Expr::Map(map) => all(map.entries.iter().flat_map(entry_parts).collect()),
        Expr::Struct(strct) => all(strct.entries.iter().flat_map(entry_parts).collect()),
        Expr::Comprehension(c) => {
            if depth + 1 > most {
                return Some(expr.id);
            }
            too_nested(&c.iter_range, depth, most)
                .or_else(|| too_nested(&c.accu_init, depth, most))
                .or_else(|| too_nested(&c.loop_cond, depth + 1, most))
                .or_else(|| too_nested(&c.loop_step, depth + 1, most))
                .or_else(|| too_nested(&c.result, depth, most))
        }
    }
}

fn entry_parts(entry: &IdedEntryExpr) -> Vec<&IdedExpr> {
    match &entry.expr {
        EntryExpr::StructField(field) => vec![&field.value],
        EntryExpr::MapEntry(entry) => vec![&entry.key, &entry.value],
    }
}

/// The error for an expression longer than the [`Limit::CelSize`] or nesting deeper than the
/// [`Limit::CelDepth`], located where it passes the limit; checked on the text, before the
/// parser recurses into it.
pub(super) fn check_text(expression: &str) -> Result<(), CompileError> {
    let size = Limit::CelSize;
    if expression.len() as u64 > size.value() {
        let at = (0..=size.value_usize())
            .rev()
            .find(|&i| expression.is_char_boundary(i))
            .unwrap_or(0);
        let (line, column) = line_and_column(expression, at);
        return Err(CompileError {
            message: format!(
                "is {} bytes long, longer than {}, the {} limit; split it into simpler rules, or {}",
                expression.len(),
                size.shown(),
                size.name(),
                size.raise_hint()
            ),
            line: Some(line),
            column: Some(column),
            limit: Some(size),
        });
    }
    match too_deep(expression) {
        Some(at) => {
            let (line, column) = line_and_column(expression, at);
            let depth = Limit::CelDepth;
            Err(CompileError {
                message: format!(
                    "nests deeper than {} levels, the {} limit (each bracket, each operator of a chain such as a + b + c, each step of a member chain such as x.f().g() or x[0][1], and each conditional is one); split it into simpler rules, or {}",
                    depth.shown(),
                    depth.name(),
                    depth.raise_hint()
                ),
                line: Some(line),
                column: Some(column),
                limit: Some(depth),
            })
        }
        None => Ok(()),
    }
}

/// The offset where an expression nests deeper than the [`Limit::CelDepth`]. The levels are
/// counted as the parser will build them: each open bracket is one, and within a bracket each
/// conditional (`?`), each arithmetic or comparison operator of a chain (`a + b + c`, whose
/// tree is as deep as it is long) and each step of a member chain (`.f`, `[i]`) is one; `&&`,
/// `||`, `,` and `:` start a sibling, not a deeper level. String literals and comments are
/// skipped, exactly enough that no bracket of the code is missed (an unterminated string is not
/// skipped).
fn too_deep(expression: &str) -> Option<usize> {
    /// One bracket's level: the operators and member steps of the current chain, and the
    /// conditionals.
    #[derive(Default)]
    struct Level {
        chain: usize,
        conditionals: usize,
    }
    let most = Limit::CelDepth.value_usize();
    let b = expression.as_bytes();
    let mut levels = vec![Level::default()];
    // The last byte of the previous token: after an operand, `[` indexes and `.` selects.
    let mut last = b' ';
    let mut i = 0;
    while i < b.len() {
        let mut next = i + 1;
        let level = levels.len() - 1;
        let operand_before = last.is_ascii_alphanumeric()
            || matches!(last, b'_' | b')' | b']' | b'"' | b'\'' | b'}');
        match b[i] {
            b'"' | b'\'' => next = after_string(b, i),
            b'/' if b.get(i + 1) == Some(&b'/') => {
                next = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
            }
            b'[' if operand_before => {
                levels[level].chain += 1;
                levels.push(Level::default());
            }
            b'.' if b[i + 1..]
                .iter()
                .find(|c| !c.is_ascii_whitespace())
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_') =>
            {
                levels[level].chain += 1;
            }
            b'(' | b'[' | b'{' => levels.push(Level::default()),
            b')' | b']' | b'}' if level > 0 => {
                levels.pop();
            }
            b'&' | b'|' | b',' | b':' => levels[level].chain = 0,
            b'?' => levels[level].conditionals += 1,
            b'+' | b'-' | b'*' | b'/' | b'%' | b'<' | b'>' | b'=' | b'!' => {
                let two = b.get(i + 1) == Some(&b'=');
                // A lone `!` negates, without nesting; `!=` compares.
                if b[i] != b'!' || two {
                    levels[level].chain += 1;
                }
                if two {
                    next = i + 2;
                }
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                next = (i..b.len())
                    .find(|&j| !(b[j].is_ascii_alphanumeric() || b[j] == b'_'))
                    .unwrap_or(b.len());
                if &b[i..next] == b"in" {
                    levels[level].chain += 1;
                }
            }
            _ => {}
        }
        let depth: usize = levels
            .iter()
            .map(|l| 1 + l.chain + l.conditionals)
            .sum::<usize>()
            - 1;
        if depth > most {
            return Some(i);
        }
        if !b[i].is_ascii_whitespace() {
            last = b[next - 1];
        }
        i = next;
    }
    None
}

/// Where the CEL string literal whose quote is at `start` ends: after its closing quote (one,
/// or three for `'''` and `"""`), or just after the opening quote when it is not closed (before
/// the end of the line, for a one-line string), because the lexer then reads on from there.
fn after_string(b: &[u8], start: usize) -> usize {
    let quote = b[start];
    let is = |k: usize, set: &[u8]| start >= k && set.contains(&b[start - k]);
    let word =
        |k: usize| start >= k && (b[start - k].is_ascii_alphanumeric() || b[start - k] == b'_');
    // `r"…"`, `br"…"`, `rb"…"` are raw when the prefix starts a token (after a letter it would
    // be the end of an identifier).
    let raw = (is(1, b"rR") && (!word(2) || (is(2, b"bB") && !word(3))))
        || (is(1, b"bB") && is(2, b"rR") && !word(3));
    let triple = b[start..].starts_with(&[quote; 3]);
    let mut j = start + if triple { 3 } else { 1 };
    while j < b.len() {
        match b[j] {
            b'\\' if !raw => j += 2,
            b'\n' | b'\r' if !triple => return start + 1,
            c if c == quote && (!triple || b[j..].starts_with(&[quote; 3])) => {
                return j + if triple { 3 } else { 1 };
            }
            _ => j += 1,
        }
    }
    start + 1
}
