//! The `when` expression of a custom rule, in CEL: compiled once within the limits
//! ([`Condition::compile`]), evaluated for each component ([`Condition::matches`]) over the facts
//! read on access. Built with the `custom-rules` feature only: this module is the one user of
//! the `cel` crate.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

use cel::common::ast::{EntryExpr, Expr, IdedExpr};
use cel::common::traits::{Container, Indexer, Iterable, Sizer, Zeroer};
use cel::common::types::{
    CelBool, CelInt, CelList, CelMap, CelMapKey, CelNull, CelString, Kind, MAP_TYPE, Type,
};
use cel::common::value::{CowVal, Val};
use cel::context::VariableResolver;
use cel::{Context, Env, ExecutionError, Value};

use super::{CompileError, ComponentFacts, Facts, ItemFacts, PolicyFacts, VendorFacts, bounds};

/// The variables an expression can use, in the order error messages list them.
const VARIABLES: [&str; 4] = ["component", "vendor", "item", "policy"];

/// Function namespaces of the environment: `optional.of(x)` and
/// `strings.quote(s)` parse as calls on an identifier that is not a variable.
const FUNCTION_NAMESPACES: [&str; 2] = ["optional", "strings"];

/// A compiled `when` expression.
///
/// Compile once with [`Condition::compile`], then call
/// [`Condition::matches`] for each component. A `Condition` is `Send` and
/// `Sync`, so one can be shared by the threads of a scan.
pub struct Condition {
    source: String,
    /// The program's expression with every comprehension's steps counted (see [`bounds`]):
    /// what is evaluated.
    counted: IdedExpr,
    /// Whether the expression names `vendor` and `item`: to tell which of
    /// them was `null` when a field of `null` is read.
    uses_vendor: bool,
    uses_item: bool,
}

impl fmt::Debug for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Condition")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

/// The environment every condition is compiled and evaluated in: the
/// standard library and the strings extension. Built once.
fn env() -> &'static Arc<Env> {
    static ENV: OnceLock<Arc<Env>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Env::stdlib();
        env.add_extension(cel::extensions::strings)
            .expect("the strings extension adds no overload the standard library has");
        bounds::register(&mut env);
        Arc::new(env)
    })
}

impl Condition {
    /// Compiles `expression`.
    ///
    /// # Errors
    ///
    /// Fails on a syntax error, with the line and column the parser reports,
    /// and on an unknown identifier, with the line and column where it is
    /// first used: one that is not a variable (`component`, `vendor`, `item`,
    /// `policy`), nor bound by a comprehension (`x` in
    /// `vendor.lists.exists(x, ...)`), nor a type name (`int`, `string`, ...).
    /// Field names and the types of operands are only checked by
    /// [`matches`](Self::matches).
    ///
    /// Also fails, with [`CompileError::limit`] set, on an expression past a
    /// limit: longer than the [`Limit::CelSize`], nesting deeper than the
    /// [`Limit::CelDepth`], or with comprehensions nested deeper than the
    /// [`Limit::CelComprehensionDepth`]. The expression is parsed on a stack
    /// of its own (the parser recurses once per level).
    ///
    /// [`Limit::CelSize`]: crate::limits::Limit::CelSize
    /// [`Limit::CelDepth`]: crate::limits::Limit::CelDepth
    /// [`Limit::CelComprehensionDepth`]: crate::limits::Limit::CelComprehensionDepth
    pub fn compile(expression: &str) -> Result<Condition, CompileError> {
        bounds::check_text(expression)?;
        bounds::on_parsing_stack(|| Self::compile_within_limits(expression))
    }

    /// [`compile`](Self::compile), once the text is known to be within the limits.
    fn compile_within_limits(expression: &str) -> Result<Condition, CompileError> {
        let program = env().compile(expression).map_err(|errors| {
            // The parser sorts its errors by position; one at (0, 0) has none.
            let first = errors
                .errors
                .iter()
                .find(|e| e.pos.0 > 0)
                .or(errors.errors.first());
            match first {
                Some(e) => CompileError {
                    message: e.msg.clone(),
                    line: usize::try_from(e.pos.0).ok().filter(|&l| l > 0),
                    column: usize::try_from(e.pos.1)
                        .ok()
                        .filter(|&c| c > 0 && e.pos.0 > 0),
                    limit: None,
                },
                None => CompileError {
                    message: errors.to_string(),
                    line: None,
                    column: None,
                    limit: None,
                },
            }
        })?;

        let mut free = Vec::new();
        free_identifiers(program.expression(), &mut Vec::new(), &mut free);
        if let Some(&(unknown, id)) = free
            .iter()
            .find(|(name, _)| !VARIABLES.contains(name) && env().types().find_type(name).is_none())
        {
            let (line, column) = program
                .source_info()
                .offset_for(id)
                .map(|(start, _)| line_and_column(expression, start as usize))
                .unzip();
            return Err(CompileError {
                message: format!(
                    "unknown variable \"{unknown}\"; the variables are {}",
                    VARIABLES.join(", ")
                ),
                line,
                column,
                limit: None,
            });
        }
        bounds::check_comprehensions(&program, expression)?;

        let uses = |variable| free.iter().any(|&(name, _)| name == variable);
        Ok(Condition {
            source: expression.to_owned(),
            uses_vendor: uses("vendor"),
            uses_item: uses("item"),
            counted: bounds::counted(program.expression()),
        })
    }

    /// Evaluates the condition for one component.
    ///
    /// `Ok(true)` when the rule applies, `Ok(false)` when it does not.
    ///
    /// # Errors
    ///
    /// `Err(message)` when evaluation fails: a field of a `null` vendor or
    /// item, a missing map key, an operator applied to the wrong types, a
    /// result that is not a bool, or comprehensions that would take more than
    /// the [`Limit::CelSteps`](crate::limits::Limit::CelSteps).
    ///
    /// Evaluation runs on a stack of known size, so that its outcome does not
    /// depend on the thread it runs on.
    pub fn matches(&self, facts: &Facts<'_>) -> Result<bool, String> {
        bounds::evaluate(|| {
            let resolver = FactsResolver::new(facts);
            let mut context = Context::with_env(Arc::clone(env()));
            context.set_variable_resolver(&resolver);
            let value = Value::resolve_val(&self.counted, &context)
                .map_err(|error| self.explain(error, facts))?;
            match value.downcast_ref::<CelBool>() {
                Some(b) => Ok(*b.inner()),
                None => Err(format!(
                    "the expression gave {}, expected a bool",
                    value.get_type().name()
                )),
            }
        })?
    }

    /// The expression text, as given to [`compile`](Self::compile).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The message for an evaluation error: CEL's own, but for an operator
    /// applied to `null`, which CEL reports as a missing overload, e.g. of
    /// `_._` for a field read from `null`.
    fn explain(&self, error: ExecutionError, facts: &Facts<'_>) -> String {
        let ExecutionError::NoSuchOverload(overload) = &error else {
            return error.to_string();
        };
        let types = overload.argument_types();
        if !types.iter().any(|t| t == "null_type") {
            return error.to_string();
        }
        let on_null = matches!(overload.function(), "_._" | "_[_]")
            && types.first().map(String::as_str) == Some("null_type");
        if !on_null {
            return format!("{error} (a value is null: test it against null first)");
        }
        let vendor = self.uses_vendor && facts.vendor.is_none();
        let item = self.uses_item && facts.item.is_none();
        match (vendor, item) {
            (true, false) => "vendor is null (the vendor is not resolved): \
                 test `vendor != null && ...` before reading its fields"
                .to_owned(),
            (false, true) => "item is null (no catalogue item applies): \
                 test `item != null && ...` before reading its fields"
                .to_owned(),
            (true, true) => "vendor or item is null (the vendor is not resolved, and no \
                 catalogue item applies): test them against null before reading their fields"
                .to_owned(),
            (false, false) => "a field was read from null (an absent value): \
                 test the value against null first"
                .to_owned(),
        }
    }
}

// The caller shares conditions between threads.
const _: fn() = || {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Condition>();
};

/// The 1-based line and column, in characters as the parser's errors count
/// them, of the byte `offset` in `source`, as the parser records the offsets
/// of expressions.
pub(super) fn line_and_column(source: &str, offset: usize) -> (usize, usize) {
    let mut line = 1;
    let mut column = 1;
    for (_, c) in source.char_indices().take_while(|&(i, _)| i < offset) {
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

/// The identifiers of `expr` that no enclosing comprehension binds, each
/// with the id of its first occurrence, skipping the accumulators the macros
/// introduce (`@result`), the function namespaces and qualified type names.
type Free<'e> = Vec<(&'e str, u64)>;

/// Collects the [`Free`] identifiers of `expr` into `free`.
fn free_identifiers<'e>(expr: &'e IdedExpr, bound: &mut Vec<&'e str>, free: &mut Free<'e>) {
    match &expr.expr {
        Expr::Unspecified | Expr::Literal(_) => {}
        Expr::Ident(name) => {
            let name = name.as_str();
            if !name.starts_with('@')
                && !bound.contains(&name)
                && !free.iter().any(|&(seen, _)| seen == name)
            {
                free.push((name, expr.id));
            }
        }
        Expr::Select(select) => {
            if let Some(name) = qualified_name(expr)
                && env().types().find_type(&name).is_some()
            {
                return;
            }
            free_identifiers(&select.operand, bound, free);
        }
        Expr::Call(call) => {
            match call.target.as_deref() {
                Some(IdedExpr {
                    expr: Expr::Ident(namespace),
                    ..
                }) if FUNCTION_NAMESPACES.contains(&namespace.as_str())
                    && !bound.contains(&namespace.as_str()) => {}
                Some(target) => free_identifiers(target, bound, free),
                None => {}
            }
            for arg in &call.args {
                free_identifiers(arg, bound, free);
            }
        }
        Expr::List(list) => {
            for element in &list.elements {
                free_identifiers(element, bound, free);
            }
        }
        Expr::Map(map) => entries(map.entries.iter().map(|e| &e.expr), bound, free),
        Expr::Struct(s) => entries(s.entries.iter().map(|e| &e.expr), bound, free),
        Expr::Comprehension(comprehension) => {
            free_identifiers(&comprehension.iter_range, bound, free);
            free_identifiers(&comprehension.accu_init, bound, free);
            let outer = bound.len();
            bound.push(&comprehension.iter_var);
            if let Some(second) = &comprehension.iter_var2 {
                bound.push(second);
            }
            bound.push(&comprehension.accu_var);
            free_identifiers(&comprehension.loop_cond, bound, free);
            free_identifiers(&comprehension.loop_step, bound, free);
            free_identifiers(&comprehension.result, bound, free);
            bound.truncate(outer);
        }
    }
}

/// [`free_identifiers`] of the entries of a map or struct literal.
fn entries<'e>(
    entries: impl Iterator<Item = &'e EntryExpr>,
    bound: &mut Vec<&'e str>,
    free: &mut Free<'e>,
) {
    for entry in entries {
        match entry {
            EntryExpr::StructField(field) => free_identifiers(&field.value, bound, free),
            EntryExpr::MapEntry(entry) => {
                free_identifiers(&entry.key, bound, free);
                free_identifiers(&entry.value, bound, free);
            }
        }
    }
}

/// `a.b.c` for a chain of field selections on an identifier, else `None`.
fn qualified_name(expr: &IdedExpr) -> Option<String> {
    match &expr.expr {
        Expr::Ident(name) => Some(name.clone()),
        Expr::Select(select) if !select.test => {
            let mut name = qualified_name(&select.operand)?;
            name.push('.');
            name.push_str(&select.field);
            Some(name)
        }
        _ => None,
    }
}

/// Resolves the four variables for one evaluation. Nothing is built up
/// front: each variable is a [`Record`] that reads the facts on access.
struct FactsResolver<'a> {
    component: Record<'a>,
    vendor: Option<Record<'a>>,
    item: Option<Record<'a>>,
    policy: Record<'a>,
}

impl<'a> FactsResolver<'a> {
    fn new(facts: &Facts<'a>) -> Self {
        FactsResolver {
            component: Record::new(Fields::Component(facts.component)),
            vendor: facts.vendor.map(|v| Record::new(Fields::Vendor(v))),
            item: facts.item.map(|i| Record::new(Fields::Item(i))),
            policy: Record::new(Fields::Policy(facts.policy)),
        }
    }
}

impl VariableResolver for FactsResolver<'_> {
    fn resolve<'b>(&'b self, variable: &str) -> Option<CowVal<'b, 'b>> {
        let record = match variable {
            "component" => Some(&self.component),
            "vendor" => self.vendor.as_ref(),
            "item" => self.item.as_ref(),
            "policy" => Some(&self.policy),
            _ => return None,
        };
        Some(match record {
            Some(record) => CowVal::Borrowed(record),
            None => CowVal::Borrowed(&CelNull),
        })
    }
}

/// The facts one variable shows.
#[derive(Debug, Clone, Copy)]
enum Fields<'a> {
    Component(&'a ComponentFacts),
    Vendor(&'a VendorFacts),
    Item(&'a ItemFacts),
    Policy(&'a PolicyFacts),
}

impl<'a> Fields<'a> {
    /// The keys of the map, in no particular order.
    fn names(self) -> &'static [&'static str] {
        match self {
            Fields::Component(_) => &[
                "name",
                "version",
                "kind",
                "group",
                "purl",
                "cpe",
                "bom_ref",
                "category",
                "confidence",
                "properties",
            ],
            Fields::Vendor(_) => &[
                "id",
                "name",
                "country",
                "incorporated_in",
                "controlling_country",
                "control_kind",
                "control_status",
                "parent",
                "lists",
                "status",
            ],
            Fields::Item(_) => &["id", "edition", "group", "decision"],
            Fields::Policy(_) => &["as_of", "markets", "mlps_grade", "cii", "us_federal"],
        }
    }

    /// The one key whose value is a list or map: built once, on first use.
    fn nested_name(self) -> &'static str {
        match self {
            Fields::Component(_) => "properties",
            Fields::Vendor(_) => "lists",
            Fields::Item(_) => "",
            Fields::Policy(_) => "markets",
        }
    }

    /// The value of the list or map key, [`nested_name`](Self::nested_name).
    fn nested(self) -> Box<dyn Val + 'a> {
        match self {
            Fields::Component(c) => {
                // `collect` keeps the last of repeated names.
                let properties: HashMap<CelMapKey<'a>, Box<dyn Val + 'a>> = c
                    .properties
                    .iter()
                    .map(|(name, value)| {
                        (
                            CelMapKey::String(CelString::from(name.as_str())),
                            string(value),
                        )
                    })
                    .collect();
                Box::new(CelMap::from(properties))
            }
            Fields::Vendor(v) => string_list(&v.lists),
            Fields::Policy(p) => string_list(&p.markets),
            Fields::Item(_) => null(),
        }
    }

    /// The value of a scalar key; `None` for an unknown key (and the nested one).
    fn scalar(self, name: &str) -> Option<Box<dyn Val + 'a>> {
        let value = match (self, name) {
            (Fields::Component(c), "name") => string(&c.name),
            (Fields::Component(c), "version") => optional_string(c.version.as_deref()),
            (Fields::Component(c), "kind") => string(&c.kind),
            (Fields::Component(c), "group") => optional_string(c.group.as_deref()),
            (Fields::Component(c), "purl") => optional_string(c.purl.as_deref()),
            (Fields::Component(c), "cpe") => optional_string(c.cpe.as_deref()),
            (Fields::Component(c), "bom_ref") => optional_string(c.bom_ref.as_deref()),
            (Fields::Component(c), "category") => optional_string(c.category.as_deref()),
            (Fields::Component(c), "confidence") => optional_string(c.confidence.as_deref()),
            (Fields::Vendor(v), "id") => string(&v.id),
            (Fields::Vendor(v), "name") => string(&v.name),
            (Fields::Vendor(v), "country") => optional_string(v.country.as_deref()),
            (Fields::Vendor(v), "incorporated_in") => optional_string(v.incorporated_in.as_deref()),
            (Fields::Vendor(v), "controlling_country") => {
                optional_string(v.controlling_country.as_deref())
            }
            (Fields::Vendor(v), "control_kind") => optional_string(v.control_kind.as_deref()),
            (Fields::Vendor(v), "control_status") => optional_string(v.control_status.as_deref()),
            (Fields::Vendor(v), "parent") => optional_string(v.parent.as_deref()),
            (Fields::Vendor(v), "status") => string(&v.status),
            (Fields::Item(i), "id") => string(&i.id),
            (Fields::Item(i), "edition") => string(&i.edition),
            (Fields::Item(i), "group") => string(&i.group),
            (Fields::Item(i), "decision") => string(&i.decision),
            (Fields::Policy(p), "as_of") => string(&p.as_of),
            (Fields::Policy(p), "mlps_grade") => match p.mlps_grade {
                Some(grade) => Box::new(CelInt::from(i64::from(grade))),
                None => null(),
            },
            (Fields::Policy(p), "cii") => Box::new(CelBool::from(p.cii)),
            (Fields::Policy(p), "us_federal") => Box::new(CelBool::from(p.us_federal)),
            _ => return None,
        };
        Some(value)
    }
}

/// One of the four variables: a CEL `map` from field names to values that
/// reads the facts on access, so an expression pays only for the fields it
/// reads. Building all four as built-in maps for every evaluation took about
/// three quarters of its time.
///
/// Field access (`.f`, `[k]`, `has()`), `in`, `size()` and `==` are answered
/// from the facts; the comprehensions (`component.exists(k, ...)`) iterate
/// over the whole map, built on first need. The interpreter does not take a
/// record for a built-in map where it downcasts (converting a result to a
/// `cel::Value`, a built-in map's `==`): `matches` never converts, and only
/// `{...} == component` is affected.
#[derive(Debug)]
struct Record<'a> {
    fields: Fields<'a>,
    /// The value of [`Fields::nested_name`], once read.
    nested: OnceLock<Box<dyn Val + 'a>>,
    /// The whole map, once needed.
    whole: OnceLock<CelMap<'a>>,
}

impl<'a> Record<'a> {
    fn new(fields: Fields<'a>) -> Self {
        Record {
            fields,
            nested: OnceLock::new(),
            whole: OnceLock::new(),
        }
    }

    fn whole(&self) -> &CelMap<'a> {
        self.whole.get_or_init(|| {
            let fields = self.fields;
            let map: HashMap<CelMapKey<'a>, Box<dyn Val + 'a>> = fields
                .names()
                .iter()
                .map(|&name| {
                    let value = fields.scalar(name).unwrap_or_else(|| fields.nested());
                    (CelMapKey::String(CelString::from(name)), value)
                })
                .collect();
            CelMap::from(map)
        })
    }

    /// The value of the field `key`, or `None` if there is no such field.
    fn field<'b, 'w>(&'b self, key: &str) -> Option<CowVal<'b, 'w>>
    where
        'a: 'w,
    {
        if key == self.fields.nested_name() {
            let nested = self.nested.get_or_init(|| self.fields.nested());
            return Some(CowVal::Borrowed(nested.as_ref()));
        }
        self.fields.scalar(key).map(CowVal::Owned)
    }
}

impl Val for Record<'_> {
    fn get_type(&self) -> &Type {
        &MAP_TYPE
    }

    fn cel_type() -> &'static Type {
        &MAP_TYPE
    }

    fn as_container(&self) -> Option<&dyn Container> {
        Some(self)
    }

    fn as_indexer<'b, 'w>(&'b self) -> Option<&'b (dyn Indexer + 'w)>
    where
        Self: 'w,
    {
        Some(self)
    }

    fn as_iterable<'b, 'w>(&'b self) -> Option<&'b (dyn Iterable + 'w)>
    where
        Self: 'w,
    {
        Some(self.whole())
    }

    fn as_sizer(&self) -> Option<&dyn Sizer> {
        Some(self)
    }

    fn as_zeroer(&self) -> Option<&dyn Zeroer> {
        Some(self)
    }

    /// Map equality, key by key, with any map that can be indexed: the
    /// built-in map, another record. (A built-in map on the left of `==`
    /// only recognises built-in maps, so `{...} == component` is false.)
    fn equals(&self, other: &dyn Val) -> bool {
        if other.get_type().kind() != Kind::Map {
            return false;
        }
        let (Some(sizer), Some(indexer)) = (other.as_sizer(), other.as_indexer()) else {
            return false;
        };
        let names = self.fields.names();
        *sizer.size().inner() == names.len() as i64
            && names.iter().all(|&name| {
                match (self.field(name), indexer.get(&CelString::from(name))) {
                    (Some(mine), Ok(theirs)) => mine.equals(theirs.as_ref()),
                    _ => false,
                }
            })
    }

    fn clone_as_boxed<'w>(&self) -> Box<dyn Val + 'w>
    where
        Self: 'w,
    {
        Box::new(Record::new(self.fields))
    }
}

impl Container for Record<'_> {
    fn contains(&self, key: &dyn Val) -> Result<bool, ExecutionError> {
        match key.downcast_ref::<CelString>() {
            Some(key) => Ok(self.fields.names().contains(&key.inner())),
            None => self.whole().contains(key),
        }
    }
}

impl Indexer for Record<'_> {
    fn get<'b, 'w>(&'b self, key: &dyn Val) -> Result<CowVal<'b, 'w>, ExecutionError>
    where
        Self: 'w,
    {
        match key.downcast_ref::<CelString>() {
            Some(name) => self
                .field(name.inner())
                .ok_or_else(|| ExecutionError::no_such_key(name.inner())),
            None => self.whole().get(key),
        }
    }

    fn steal<'w>(self: Box<Self>, key: &dyn Val) -> Result<Box<dyn Val + 'w>, ExecutionError>
    where
        Self: 'w,
    {
        self.get(key).map(CowVal::into_owned)
    }
}

impl Zeroer for Record<'_> {
    fn is_zero_value(&self) -> bool {
        false
    }
}

impl Sizer for Record<'_> {
    fn size(&self) -> CelInt {
        CelInt::from(self.fields.names().len() as i64)
    }
}

fn null<'a>() -> Box<dyn Val + 'a> {
    Box::new(CelNull)
}

fn string(s: &str) -> Box<dyn Val + '_> {
    Box::new(CelString::from(s))
}

fn optional_string(s: Option<&str>) -> Box<dyn Val + '_> {
    s.map_or_else(null, string)
}

fn string_list(items: &[String]) -> Box<dyn Val + '_> {
    let items: Vec<Box<dyn Val + '_>> = items.iter().map(|s| string(s)).collect();
    Box::new(CelList::from(items))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(vendor_country: &str) -> (ComponentFacts, VendorFacts) {
        let component = ComponentFacts {
            name: "DS-2CD2143G2".to_owned(),
            kind: "device".to_owned(),
            category: Some("camera".to_owned()),
            ..Default::default()
        };
        let vendor = VendorFacts {
            id: "hikvision".to_owned(),
            name: "Hikvision".to_owned(),
            country: Some(vendor_country.to_owned()),
            lists: vec!["fcc-covered-list".to_owned()],
            status: "confirmed".to_owned(),
            ..Default::default()
        };
        (component, vendor)
    }

    fn in_scope() -> ItemFacts {
        ItemFacts {
            id: "cne.router".to_owned(),
            edition: "cn-2023".to_owned(),
            group: "critical-network-equipment".to_owned(),
            decision: "in-scope".to_owned(),
        }
    }

    fn eval(
        expression: &str,
        component: &ComponentFacts,
        vendor: Option<&VendorFacts>,
        item: Option<&ItemFacts>,
        policy: &PolicyFacts,
    ) -> Result<bool, String> {
        let condition = Condition::compile(expression)
            .unwrap_or_else(|e| panic!("`{expression}` does not compile: {e}"));
        condition.matches(&Facts {
            component,
            vendor,
            item,
            policy,
        })
    }

    #[test]
    fn vendor_country_and_kind() {
        let expression =
            r#"vendor != null && vendor.country == "CN" && component.kind == "device""#;
        let policy = PolicyFacts::default();
        let (component, cn) = device("CN");
        let (_, us) = device("US");
        assert_eq!(
            eval(expression, &component, Some(&cn), None, &policy),
            Ok(true)
        );
        assert_eq!(
            eval(expression, &component, Some(&us), None, &policy),
            Ok(false)
        );
        assert_eq!(eval(expression, &component, None, None, &policy), Ok(false));
        let library = ComponentFacts {
            kind: "library".to_owned(),
            ..component.clone()
        };
        assert_eq!(
            eval(expression, &library, Some(&cn), None, &policy),
            Ok(false)
        );
    }

    #[test]
    fn control_kind_and_status() {
        let expression =
            r#"vendor.control_kind == "natural-person" && vendor.control_status != "confirmed""#;
        let policy = PolicyFacts::default();
        let (component, mut vendor) = device("CN");
        assert_eq!(
            eval(expression, &component, Some(&vendor), None, &policy),
            Ok(false),
            "no control record"
        );
        vendor.control_kind = Some("natural-person".to_owned());
        vendor.control_status = Some("inferred".to_owned());
        assert_eq!(
            eval(expression, &component, Some(&vendor), None, &policy),
            Ok(true)
        );
        vendor.control_status = Some("confirmed".to_owned());
        assert_eq!(
            eval(expression, &component, Some(&vendor), None, &policy),
            Ok(false)
        );
    }

    #[test]
    fn in_a_list() {
        let expression = r#""fcc-covered-list" in vendor.lists"#;
        let policy = PolicyFacts::default();
        let (component, mut vendor) = device("CN");
        assert_eq!(
            eval(expression, &component, Some(&vendor), None, &policy),
            Ok(true)
        );
        vendor.lists = vec!["entity-list".to_owned()];
        assert_eq!(
            eval(expression, &component, Some(&vendor), None, &policy),
            Ok(false)
        );
    }

    #[test]
    fn in_a_map_of_properties() {
        let expression = r#"item != null && item.decision == "in-scope" && !("catscan:certificate" in component.properties)"#;
        let policy = PolicyFacts::default();
        let (mut component, _) = device("CN");
        let item = in_scope();
        assert_eq!(
            eval(expression, &component, None, Some(&item), &policy),
            Ok(true)
        );
        assert_eq!(eval(expression, &component, None, None, &policy), Ok(false));
        let possible = ItemFacts {
            decision: "possible".to_owned(),
            ..item.clone()
        };
        assert_eq!(
            eval(expression, &component, None, Some(&possible), &policy),
            Ok(false)
        );
        component
            .properties
            .push(("catscan:certificate".to_owned(), "CCC-2024-0001".to_owned()));
        assert_eq!(
            eval(expression, &component, None, Some(&item), &policy),
            Ok(false)
        );
    }

    #[test]
    fn policy_flags_and_category() {
        let expression = r#"policy.cii && component.category == "storage""#;
        let cii = PolicyFacts {
            cii: true,
            ..Default::default()
        };
        let storage = ComponentFacts {
            category: Some("storage".to_owned()),
            ..Default::default()
        };
        let uncategorised = ComponentFacts::default();
        assert_eq!(eval(expression, &storage, None, None, &cii), Ok(true));
        assert_eq!(
            eval(expression, &storage, None, None, &PolicyFacts::default()),
            Ok(false)
        );
        assert_eq!(
            eval(expression, &uncategorised, None, None, &cii),
            Ok(false)
        );
    }

    #[test]
    fn policy_lists_and_grade() {
        let expression =
            r#""cn" in policy.markets && policy.mlps_grade >= 3 && !policy.us_federal"#;
        let component = ComponentFacts::default();
        let mut policy = PolicyFacts {
            as_of: "2026-11-23".to_owned(),
            markets: vec!["cn".to_owned(), "us".to_owned()],
            mlps_grade: Some(3),
            ..Default::default()
        };
        assert_eq!(eval(expression, &component, None, None, &policy), Ok(true));
        policy.mlps_grade = Some(2);
        assert_eq!(eval(expression, &component, None, None, &policy), Ok(false));
        policy.mlps_grade = None;
        let ungraded = r#"policy.mlps_grade == null && policy.as_of < "2027-01-01""#;
        assert_eq!(eval(ungraded, &component, None, None, &policy), Ok(true));
    }

    #[test]
    fn has_on_properties() {
        let expression = "has(component.properties.foo)";
        let policy = PolicyFacts::default();
        let mut component = ComponentFacts::default();
        assert_eq!(eval(expression, &component, None, None, &policy), Ok(false));
        component.properties.push(("foo".to_owned(), String::new()));
        assert_eq!(eval(expression, &component, None, None, &policy), Ok(true));
    }

    #[test]
    fn repeated_property_keeps_the_last_value() {
        let component = ComponentFacts {
            properties: vec![
                ("tier".to_owned(), "1".to_owned()),
                ("tier".to_owned(), "2".to_owned()),
            ],
            ..Default::default()
        };
        let policy = PolicyFacts::default();
        let expression = r#"component.properties.tier == "2""#;
        assert_eq!(eval(expression, &component, None, None, &policy), Ok(true));
    }

    #[test]
    fn absent_optional_fields_are_null() {
        let policy = PolicyFacts::default();
        let mut component = ComponentFacts::default();
        let expression = "component.version == null && component.purl == null";
        assert_eq!(eval(expression, &component, None, None, &policy), Ok(true));
        component.version = Some("1.0".to_owned());
        assert_eq!(eval(expression, &component, None, None, &policy), Ok(false));
    }

    #[test]
    fn string_functions() {
        let policy = PolicyFacts::default();
        let (component, vendor) = device("CN");
        for (expression, expected) in [
            (r#"component.name.startsWith("DS-")"#, true),
            (r#"component.name.matches("^DS-[0-9]")"#, true),
            (r#"component.name.lowerAscii().contains("2cd")"#, true),
            (r#"vendor.lists.exists(l, l.endsWith("-list"))"#, true),
            (r#"vendor.name.upperAscii() == "HUAWEI""#, false),
        ] {
            assert_eq!(
                eval(expression, &component, Some(&vendor), None, &policy),
                Ok(expected),
                "{expression}"
            );
        }
    }

    #[test]
    fn a_field_of_a_null_vendor_is_an_error() {
        let policy = PolicyFacts::default();
        let (component, _) = device("CN");
        let error = eval(r#"vendor.country == "CN""#, &component, None, None, &policy).unwrap_err();
        assert!(error.starts_with("vendor is null"), "{error}");
        assert!(error.contains("vendor != null"), "{error}");
        let error = eval("has(vendor.country)", &component, None, None, &policy).unwrap_err();
        assert!(error.starts_with("vendor is null"), "{error}");
    }

    #[test]
    fn a_field_of_a_null_item_is_an_error() {
        let policy = PolicyFacts::default();
        let (component, vendor) = device("CN");
        let expression = r#"vendor.country == "CN" && item.decision == "in-scope""#;
        let error = eval(expression, &component, Some(&vendor), None, &policy).unwrap_err();
        assert!(error.starts_with("item is null"), "{error}");
    }

    #[test]
    fn a_field_of_a_null_component_field_is_an_error() {
        let policy = PolicyFacts::default();
        let component = ComponentFacts::default();
        let error = eval("component.group.x == 1", &component, None, None, &policy).unwrap_err();
        assert!(error.starts_with("a field was read from null"), "{error}");
    }

    #[test]
    fn an_operator_on_null_is_an_error() {
        let component = ComponentFacts::default();
        let policy = PolicyFacts::default();
        let error = eval("policy.mlps_grade >= 3", &component, None, None, &policy).unwrap_err();
        assert_eq!(
            error,
            "found no matching overload for '_>=_' applied to '(null_type, int)' \
             (a value is null: test it against null first)"
        );
    }

    #[test]
    fn a_result_that_is_not_a_bool_is_an_error() {
        let policy = PolicyFacts {
            mlps_grade: Some(3),
            ..Default::default()
        };
        let component = ComponentFacts::default();
        assert_eq!(
            eval("component.name", &component, None, None, &policy),
            Err("the expression gave string, expected a bool".to_owned())
        );
        assert_eq!(
            eval("policy.mlps_grade", &component, None, None, &policy),
            Err("the expression gave int, expected a bool".to_owned())
        );
        assert_eq!(
            eval("vendor", &component, None, None, &policy),
            Err("the expression gave null_type, expected a bool".to_owned())
        );
    }

    #[test]
    fn a_syntax_error_has_a_line_and_column() {
        let error = Condition::compile("component.kind == \"device\" &&\n  (vendor").unwrap_err();
        assert_eq!((error.line, error.column), (Some(2), Some(10)), "{error}");
        assert!(error.message.contains("Syntax error"), "{error}");

        // Columns count characters, not bytes.
        let error = Condition::compile("component.name == \"é\" +").unwrap_err();
        assert_eq!((error.line, error.column), (Some(1), Some(24)), "{error}");

        let error = Condition::compile("").unwrap_err();
        assert_eq!((error.line, error.column), (Some(1), Some(1)), "{error}");
    }

    #[test]
    fn an_unknown_variable_is_a_compile_error() {
        let error = Condition::compile("vendr != null").unwrap_err();
        assert_eq!(
            error,
            CompileError {
                message:
                    "unknown variable \"vendr\"; the variables are component, vendor, item, policy"
                        .to_owned(),
                line: Some(1),
                column: Some(1),
                limit: None,
            }
        );
        let error = Condition::compile("component.name != \"é\" &&\n  x.y == 1").unwrap_err();
        assert_eq!((error.line, error.column), (Some(2), Some(3)), "{error}");
        assert!(
            error.message.starts_with("unknown variable \"x\""),
            "{error}"
        );

        // A comprehension variable is only bound inside its comprehension.
        let error = Condition::compile("vendor.lists.exists(l, l == x)").unwrap_err();
        assert!(
            error.message.starts_with("unknown variable \"x\""),
            "{error}"
        );
        let error = Condition::compile(r#"vendor.lists.all(l, true) && l == "a""#).unwrap_err();
        assert!(
            error.message.starts_with("unknown variable \"l\""),
            "{error}"
        );
    }

    #[test]
    fn names_that_are_not_variables_compile() {
        for expression in [
            r#"vendor.lists.exists(l, l == "fcc-covered-list")"#,
            r#"component.properties.exists(k, component.properties[k] == "")"#,
            "type(policy.mlps_grade) == int",
            "optional.of(component.name).hasValue()",
            r#"strings.quote(component.name) != """#,
            "[1, 2].map(x, x * 2).exists(y, y == 4)",
        ] {
            let compiled = Condition::compile(expression);
            assert!(compiled.is_ok(), "{expression}: {:?}", compiled.err());
        }
    }

    /// The variables are read lazily, not built as maps: check they still
    /// behave as maps in every way an expression can use one.
    #[test]
    fn the_variables_behave_as_maps() {
        let policy = PolicyFacts {
            markets: vec!["cn".to_owned()],
            ..Default::default()
        };
        let (mut component, vendor) = device("CN");
        component
            .properties
            .push(("cdx:device:type".to_owned(), "camera".to_owned()));
        let item = in_scope();
        for expression in [
            "type(component) == map && type(vendor) == map",
            "size(component) == 10 && size(vendor) == 10 && size(item) == 4 && size(policy) == 5",
            r#""purl" in component && !("nope" in component)"#,
            "has(component.purl) && !has(component.nope)",
            r#"component["name"] == "DS-2CD2143G2""#,
            r#"component.exists(k, k == "bom_ref") && item.all(k, k != "name")"#,
            r#"component.properties.exists(k, k.startsWith("cdx:"))"#,
            r#"component.properties["cdx:device:type"] == "camera""#,
            "component == component && vendor != component",
            r#"item == {"id": "cne.router", "edition": "cn-2023", "group": "critical-network-equipment", "decision": "in-scope"}"#,
            r#"item != {"id": "cne.router"}"#,
            r#"policy.markets == ["cn"] && vendor.lists == ["fcc-covered-list"]"#,
            r#"dyn(component).kind == "device" && [component][0].kind == "device""#,
            r#"vendor.?country.orValue("") == "CN" && !component.?nope.hasValue()"#,
            "optional.ofNonZeroValue(component).hasValue()",
            "vendor.lists.size() == 1 && size(component.properties) == 1",
        ] {
            assert_eq!(
                eval(expression, &component, Some(&vendor), Some(&item), &policy),
                Ok(true),
                "{expression}"
            );
        }
        let error = eval("component.nope == 1", &component, None, None, &policy).unwrap_err();
        assert_eq!(error, "No such key: nope");
    }

    #[test]
    fn source_is_the_expression() {
        let expression = "policy.cii";
        assert_eq!(Condition::compile(expression).unwrap().source(), expression);
    }
}
