//! The expressions a template is written in: cross-field rules
//! (`applications.resolved <= applications.received`), computed appendix
//! cells (`percent(applications.on_time, applications.resolved)`) and the
//! values quoted in sentences and messages.
//!
//! Like DHIS2's validation rules and XLSForm's `calculation` column, one
//! small language serves them all, read once when the template is installed
//! (names are resolved then, so a misspelt figure is refused with its
//! position) and evaluated on every change. A figure not filled in is
//! *missing*: arithmetic and comparisons with it are missing too, and a rule
//! whose check is missing is not applied, as in DHIS2. Arithmetic is checked:
//! what overflows is missing, never wrapped.

use crate::date::Date;
use crate::decimal::Decimal;
use crate::vi::RatioRule;

/// What a name in an expression stands for, resolved when the template is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ref {
    /// A figure, by its index in the template.
    Figure(usize),
    /// Every item's value in one column of a list figure (inside `sum`).
    Column { list: usize, column: usize },
    /// The figures under a group, `staff.officials.education.*` (inside `sum`).
    Figures(Vec<usize>),
    /// A column of the current item, `item.count`, inside `each`.
    Item(usize),
    /// What every report has: the unit and the period.
    Context(Context),
    /// An appendix row's value, `appendix.4.2`, by its index in the template.
    Row(usize),
}

impl Ref {
    /// True for references to several values, allowed only inside `sum`.
    fn is_many(&self) -> bool {
        matches!(self, Ref::Column { .. } | Ref::Figures(_))
    }
}

/// The names of what every report has, whatever its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// `phường Trương Quang Trọng`.
    UnitFullName,
    /// `phường`.
    UnitKind,
    /// `UBND phường Trương Quang Trọng`.
    UnitCommittee,
    /// `Quý I năm 2025`.
    PeriodName,
    /// `Quý I/2025`.
    PeriodShortName,
    /// `2025`.
    PeriodYear,
    PeriodFrom,
    PeriodTo,
}

impl Context {
    pub const ALL: [(&'static str, Context); 8] = [
        ("unit.full_name", Context::UnitFullName),
        ("unit.kind", Context::UnitKind),
        ("unit.committee", Context::UnitCommittee),
        ("period.name", Context::PeriodName),
        ("period.short_name", Context::PeriodShortName),
        ("period.year", Context::PeriodYear),
        ("period.from", Context::PeriodFrom),
        ("period.to", Context::PeriodTo),
    ];

    pub fn named(name: &str) -> Option<Context> {
        Context::ALL
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, context)| *context)
    }
}

/// The functions of the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// `percent(n, d)`: n/d as a percentage, by the template's ratio rule.
    Percent,
    /// `fraction(n, d)`: `843/847`, each side `…` when missing.
    Fraction,
    /// `sum(a, b, ...)`: the values present added up; missing when none is.
    Sum,
    /// `has(x)`: whether x is filled in (a blank text is not).
    Has,
    /// `value_or(x, y)`: x, or y when x is missing.
    ValueOr,
}

impl Func {
    const ALL: [(&'static str, Func, Option<usize>); 5] = [
        ("percent", Func::Percent, Some(2)),
        ("fraction", Func::Fraction, Some(2)),
        ("sum", Func::Sum, None),
        ("has", Func::Has, Some(1)),
        ("value_or", Func::ValueOr, Some(2)),
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    And,
    Or,
}

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Number(Decimal),
    Text(String),
    Ref(Ref),
    Neg(Box<Expr>),
    Not(Box<Expr>),
    Binary(Op, Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
}

/// What a number counts, which decides how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Things: `843`, in running text `01` to `09` with a leading zero.
    Count,
    /// Đồng: `16.091.000 đồng`.
    Money,
    /// `99,52%`.
    Percent,
    /// Any other number: `1.234,5`.
    Plain,
}

/// The value of an expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Not filled in, or not computable (a zero denominator, an overflow).
    Missing,
    Number(Decimal, Unit),
    Text(String),
    Date(Date),
    /// An option of a coded choice: its code and its name.
    Choice(i64, String),
    Bool(bool),
    /// `fraction(n, d)`, written by the style of the text it stands in.
    Fraction(Option<Decimal>, Option<Decimal>),
}

impl Value {
    pub fn is_missing(&self) -> bool {
        match self {
            Value::Missing => true,
            Value::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    /// The number this is: a number, a choice's code, or a text of digits
    /// only (the year of `period.year`), as Excel reads one.
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Value::Number(number, _) => Some(*number),
            Value::Choice(code, _) => Decimal::from_whole(*code),
            Value::Text(text)
                if (1..=15).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) =>
            {
                text.parse().ok().and_then(Decimal::from_whole)
            }
            _ => None,
        }
    }
}

/// What the evaluation reads: the figures, the unit and period, the rows.
pub trait Scope {
    fn figure(&self, id: usize) -> Value;
    /// The values of one column over every item of the list `list`.
    fn column(&self, list: usize, column: usize) -> Vec<Value>;
    /// A column of the current item, inside `each`.
    fn item(&self, column: usize) -> Value;
    fn context(&self, context: Context) -> Value;
    fn row(&self, id: usize) -> Value;
    fn ratio_rule(&self) -> RatioRule;
}

/// Why an expression could not be read: the position (in characters, from
/// 1) and what is wrong, in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    pub position: usize,
    pub message: String,
}

/// Resolves the names an expression uses.
pub trait Names {
    /// The reference `name` stands for, or why it stands for nothing.
    fn resolve(&self, name: &str) -> Result<Ref, String>;
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(Decimal),
    Text(String),
    Name(String),
    Symbol(&'static str),
    End,
}

struct Lexer {
    chars: Vec<char>,
    at: usize,
    /// Added to every position, for expressions inside a longer text.
    offset: usize,
}

const SYMBOLS: [&str; 15] = [
    "<=", ">=", "!=", "<>", "==", "<", ">", "=", "+", "-", "*", "/", "(", ")", ",",
];

impl Lexer {
    fn error(&self, at: usize, message: String) -> ExprError {
        ExprError {
            position: self.offset + at + 1,
            message,
        }
    }

    /// The next token and the position where it starts.
    fn next(&mut self) -> Result<(Token, usize), ExprError> {
        while self.chars.get(self.at).is_some_and(|c| c.is_whitespace()) {
            self.at += 1;
        }
        let start = self.at;
        let Some(&c) = self.chars.get(start) else {
            return Ok((Token::End, start));
        };
        if c.is_ascii_digit() {
            while self
                .chars
                .get(self.at)
                .is_some_and(|c| c.is_ascii_digit() || *c == '.')
            {
                self.at += 1;
            }
            let text: String = self.chars[start..self.at].iter().collect();
            return number_literal(&text).map(|n| (Token::Number(n), start)).ok_or_else(|| {
                self.error(
                    start,
                    format!("số «{text}» không hợp lệ (phần thập phân viết sau dấu chấm, tối đa 2 chữ số, ví dụ 0.5)"),
                )
            });
        }
        if c.is_alphabetic() || c == '_' {
            // A name is a dotted path; `*` only as a whole segment (`group.*`).
            while let Some(&c) = self.chars.get(self.at) {
                let star = c == '*' && self.chars[self.at - 1] == '.';
                if !(c.is_alphanumeric() || c == '_' || c == '.' || star) {
                    break;
                }
                self.at += 1;
            }
            let name: String = self.chars[start..self.at].iter().collect();
            return Ok((Token::Name(name), start));
        }
        if c == '\'' || c == '"' {
            let close = self.chars[start + 1..]
                .iter()
                .position(|other| *other == c)
                .ok_or_else(|| self.error(start, format!("thiếu dấu {c} đóng chuỗi")))?;
            let text: String = self.chars[start + 1..start + 1 + close].iter().collect();
            self.at = start + close + 2;
            return Ok((Token::Text(text), start));
        }
        let rest: String = self.chars[start..].iter().take(2).collect();
        for symbol in SYMBOLS {
            if rest.starts_with(symbol) {
                self.at += symbol.chars().count();
                return Ok((Token::Symbol(symbol), start));
            }
        }
        Err(self.error(
            start,
            format!("ký tự «{c}» không dùng được trong biểu thức"),
        ))
    }
}

/// `12`, `0.5`, `99.52`: a dot before at most two decimals.
fn number_literal(text: &str) -> Option<Decimal> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || fraction.len() > 2 || fraction.contains('.') {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let fraction: i64 = format!("{fraction:0<2}").parse().ok()?;
    Decimal::from_hundredths(whole.checked_mul(100)?.checked_add(fraction)?)
}

/// How deeply brackets, signs and `not` may nest: far more than any rule
/// needs, and little enough that no expression exhausts the stack.
const MAX_DEPTH: usize = 64;

struct Parser<'a> {
    lexer: Lexer,
    token: Token,
    token_at: usize,
    names: &'a dyn Names,
    depth: usize,
}

/// The binary operators by precedence, loosest first.
const LEVELS: [&[(&str, Op)]; 5] = [
    &[("or", Op::Or)],
    &[("and", Op::And)],
    &[
        ("<=", Op::Le),
        (">=", Op::Ge),
        ("!=", Op::Ne),
        ("<>", Op::Ne),
        ("==", Op::Eq),
        ("=", Op::Eq),
        ("<", Op::Lt),
        (">", Op::Gt),
    ],
    &[("+", Op::Add), ("-", Op::Sub)],
    &[("*", Op::Mul), ("/", Op::Div)],
];

impl Parser<'_> {
    fn advance(&mut self) -> Result<(), ExprError> {
        let (token, at) = self.lexer.next()?;
        self.token = token;
        self.token_at = at;
        Ok(())
    }

    fn error_here(&self, message: String) -> ExprError {
        self.lexer.error(self.token_at, message)
    }

    fn describe(&self) -> String {
        match &self.token {
            Token::End => "hết biểu thức".to_owned(),
            Token::Number(_) | Token::Text(_) | Token::Name(_) | Token::Symbol(_) => {
                let text: String = self.lexer.chars[self.token_at..self.lexer.at]
                    .iter()
                    .collect();
                format!("«{text}»")
            }
        }
    }

    fn is_operator(&self, word: &str) -> bool {
        match &self.token {
            Token::Symbol(symbol) => *symbol == word,
            Token::Name(name) => name == word,
            _ => false,
        }
    }

    fn expect(&mut self, symbol: &str, why: &str) -> Result<(), ExprError> {
        if self.is_operator(symbol) {
            self.advance()
        } else {
            Err(self.error_here(format!("{why}, gặp {}", self.describe())))
        }
    }

    fn level(&mut self, level: usize) -> Result<Expr, ExprError> {
        let Some(operators) = LEVELS.get(level) else {
            return self.unary();
        };
        let mut left = self.level(level + 1)?;
        'more: loop {
            for (word, op) in operators.iter() {
                if self.is_operator(word) {
                    self.advance()?;
                    let right = self.level(level + 1)?;
                    left = Expr::Binary(*op, Box::new(left), Box::new(right));
                    continue 'more;
                }
            }
            return Ok(left);
        }
    }

    /// A value with its signs: every nesting passes here, so the depth is
    /// counted here.
    fn unary(&mut self) -> Result<Expr, ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_here(format!(
                "biểu thức lồng nhau quá sâu (quá {MAX_DEPTH} lớp ngoặc hoặc dấu)"
            )));
        }
        let result = self.signed();
        self.depth -= 1;
        result
    }

    fn signed(&mut self) -> Result<Expr, ExprError> {
        if self.is_operator("-") {
            self.advance()?;
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        if self.is_operator("not") {
            self.advance()?;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        self.primary(false)
    }

    fn primary(&mut self, many_allowed: bool) -> Result<Expr, ExprError> {
        let at = self.token_at;
        match self.token.clone() {
            Token::Number(number) => {
                self.advance()?;
                Ok(Expr::Number(number))
            }
            Token::Text(text) => {
                self.advance()?;
                Ok(Expr::Text(text))
            }
            Token::Symbol("(") => {
                self.advance()?;
                let inner = self.level(0)?;
                self.expect(")", "thiếu dấu «)» đóng ngoặc")?;
                Ok(inner)
            }
            Token::Name(name) => {
                self.advance()?;
                if self.is_operator("(") {
                    return self.call(&name, at);
                }
                let reference = self
                    .names
                    .resolve(&name)
                    .map_err(|message| self.lexer.error(at, message))?;
                if reference.is_many() && !many_allowed {
                    return Err(self.lexer.error(
                        at,
                        format!("«{name}» gồm nhiều giá trị, chỉ dùng được trong sum(...)"),
                    ));
                }
                Ok(Expr::Ref(reference))
            }
            _ => Err(self.error_here(format!("thiếu một giá trị, gặp {}", self.describe()))),
        }
    }

    fn call(&mut self, name: &str, at: usize) -> Result<Expr, ExprError> {
        let Some((_, func, arity)) = Func::ALL.iter().find(|(known, ..)| *known == name) else {
            let known: Vec<&str> = Func::ALL.iter().map(|(name, ..)| *name).collect();
            return Err(self.lexer.error(
                at,
                format!("không có hàm «{name}» (các hàm: {})", known.join(", ")),
            ));
        };
        self.advance()?; // the "("
        let mut args = Vec::new();
        if !self.is_operator(")") {
            loop {
                let many_allowed = *func == Func::Sum;
                let arg = if many_allowed && matches!(self.token, Token::Name(_)) {
                    self.sum_argument()?
                } else {
                    self.level(0)?
                };
                args.push(arg);
                if self.is_operator(",") {
                    self.advance()?;
                    continue;
                }
                break;
            }
        }
        self.expect(")", "thiếu dấu «)» hoặc «,» giữa các đối số")?;
        if let Some(arity) = arity {
            if args.len() != *arity {
                return Err(self.lexer.error(
                    at,
                    format!("hàm {name} cần {arity} đối số, có {}", args.len()),
                ));
            }
        } else if args.is_empty() {
            return Err(self
                .lexer
                .error(at, format!("hàm {name} cần ít nhất một đối số")));
        }
        Ok(Expr::Call(*func, args))
    }

    /// An argument of `sum`: a name standing for several values, or any
    /// expression.
    fn sum_argument(&mut self) -> Result<Expr, ExprError> {
        let saved = (self.lexer.at, self.token.clone(), self.token_at);
        let bare = self.primary(true)?;
        if self.is_operator(",") || self.is_operator(")") {
            return Ok(bare);
        }
        (self.lexer.at, self.token, self.token_at) = saved;
        self.level(0)
    }
}

/// Reads `source`; positions in errors count from `offset` + 1.
pub fn parse(source: &str, offset: usize, names: &dyn Names) -> Result<Expr, ExprError> {
    let mut parser = Parser {
        lexer: Lexer {
            chars: source.chars().collect(),
            at: 0,
            offset,
        },
        token: Token::End,
        token_at: 0,
        names,
        depth: 0,
    };
    if source.trim().is_empty() {
        return Err(parser.lexer.error(0, "biểu thức trống".to_owned()));
    }
    parser.advance()?;
    let expr = parser.level(0)?;
    if parser.token != Token::End {
        return Err(parser.error_here(format!(
            "thừa {} sau biểu thức (thiếu phép tính ở giữa?)",
            parser.describe()
        )));
    }
    Ok(expr)
}

impl Expr {
    /// Every reference, for checks on the template (cycles, kinds).
    pub fn refs(&self, out: &mut Vec<Ref>) {
        match self {
            Expr::Number(_) | Expr::Text(_) => {}
            Expr::Ref(reference) => out.push(reference.clone()),
            Expr::Neg(inner) | Expr::Not(inner) => inner.refs(out),
            Expr::Binary(_, left, right) => {
                left.refs(out);
                right.refs(out);
            }
            Expr::Call(_, args) => args.iter().for_each(|arg| arg.refs(out)),
        }
    }

    /// The unit of the number this gives, known before any value is; `None`
    /// for what is not a number (text, dates, conditions).
    pub fn unit(&self, unit_of: &dyn Fn(&Ref) -> Option<Unit>) -> Option<Unit> {
        let same = |units: Vec<Option<Unit>>| -> Option<Unit> {
            let first = units.first().copied().flatten()?;
            Some(if units.iter().all(|unit| *unit == Some(first)) {
                first
            } else {
                Unit::Plain
            })
        };
        match self {
            Expr::Number(_) => Some(Unit::Plain),
            Expr::Text(_) => None,
            Expr::Ref(reference) => unit_of(reference),
            Expr::Neg(inner) => inner.unit(unit_of),
            Expr::Not(_) => None,
            Expr::Binary(Op::Add | Op::Sub, left, right) => {
                same(vec![left.unit(unit_of), right.unit(unit_of)])
            }
            Expr::Binary(Op::Mul | Op::Div, ..) => Some(Unit::Plain),
            Expr::Binary(..) => None,
            Expr::Call(Func::Percent, _) => Some(Unit::Percent),
            Expr::Call(Func::Sum, args) => same(args.iter().map(|a| a.unit(unit_of)).collect()),
            Expr::Call(Func::ValueOr, args) => args[0].unit(unit_of),
            Expr::Call(Func::Fraction | Func::Has, _) => None,
        }
    }

    pub fn eval(&self, scope: &dyn Scope) -> Value {
        match self {
            Expr::Number(number) => Value::Number(*number, Unit::Plain),
            Expr::Text(text) => Value::Text(text.clone()),
            Expr::Ref(reference) => match reference {
                Ref::Figure(id) => scope.figure(*id),
                Ref::Item(column) => scope.item(*column),
                Ref::Context(context) => scope.context(*context),
                Ref::Row(id) => scope.row(*id),
                // Several values: only `sum` reads them (see `values`).
                Ref::Column { .. } | Ref::Figures(_) => Value::Missing,
            },
            Expr::Neg(inner) => match inner.eval(scope) {
                Value::Number(number, unit) => number
                    .hundredths()
                    .checked_neg()
                    .and_then(Decimal::from_hundredths)
                    .map_or(Value::Missing, |negated| Value::Number(negated, unit)),
                _ => Value::Missing,
            },
            Expr::Not(inner) => match inner.eval(scope) {
                Value::Bool(value) => Value::Bool(!value),
                _ => Value::Missing,
            },
            Expr::Binary(op, left, right) => binary(*op, left.eval(scope), || right.eval(scope)),
            Expr::Call(func, args) => call(*func, args, scope),
        }
    }

    /// The values an argument of `sum` stands for.
    fn values(&self, scope: &dyn Scope) -> Vec<Value> {
        match self {
            Expr::Ref(Ref::Column { list, column }) => scope.column(*list, *column),
            Expr::Ref(Ref::Figures(ids)) => ids.iter().map(|id| scope.figure(*id)).collect(),
            other => vec![other.eval(scope)],
        }
    }
}

fn number_op(op: Op, a: Decimal, b: Decimal) -> Option<Decimal> {
    let (a, b) = (i128::from(a.hundredths()), i128::from(b.hundredths()));
    let hundredths = match op {
        Op::Add => a + b,
        Op::Sub => a - b,
        Op::Mul => a * b / 100,
        Op::Div => (b != 0).then(|| a * 100 / b)?,
        _ => return None,
    };
    i64::try_from(hundredths)
        .ok()
        .and_then(Decimal::from_hundredths)
}

fn compare(op: Op, left: &Value, right: &Value) -> Option<bool> {
    use std::cmp::Ordering;
    let ordering: Ordering = match (left, right) {
        (Value::Text(a), Value::Text(b)) => a.trim().cmp(b.trim()),
        (Value::Date(a), Value::Date(b)) => a.cmp(b),
        (Value::Bool(a), Value::Bool(b)) => a.cmp(b),
        _ => left.number()?.cmp(&right.number()?),
    };
    Some(match op {
        Op::Lt => ordering.is_lt(),
        Op::Le => ordering.is_le(),
        Op::Gt => ordering.is_gt(),
        Op::Ge => ordering.is_ge(),
        Op::Eq => ordering.is_eq(),
        _ => ordering.is_ne(),
    })
}

fn binary(op: Op, left: Value, right: impl FnOnce() -> Value) -> Value {
    match op {
        Op::And | Op::Or => {
            let stop = op == Op::Or;
            if left == Value::Bool(stop) {
                return left;
            }
            match (left, right()) {
                (_, Value::Bool(value)) if value == stop => Value::Bool(stop),
                (Value::Bool(_), Value::Bool(_)) => Value::Bool(!stop),
                _ => Value::Missing,
            }
        }
        Op::Add | Op::Sub | Op::Mul | Op::Div => {
            let right = right();
            let (Value::Number(a, unit_a), Value::Number(b, unit_b)) = (&left, &right) else {
                return Value::Missing;
            };
            let unit = match op {
                Op::Add | Op::Sub if unit_a == unit_b => *unit_a,
                _ => Unit::Plain,
            };
            number_op(op, *a, *b).map_or(Value::Missing, |number| Value::Number(number, unit))
        }
        _ => {
            let right = right();
            if left == Value::Missing || right == Value::Missing {
                return Value::Missing;
            }
            compare(op, &left, &right).map_or(Value::Missing, Value::Bool)
        }
    }
}

fn call(func: Func, args: &[Expr], scope: &dyn Scope) -> Value {
    match func {
        Func::Has => Value::Bool(!args[0].eval(scope).is_missing()),
        Func::ValueOr => match args[0].eval(scope) {
            value if value.is_missing() => args[1].eval(scope),
            value => value,
        },
        Func::Fraction => {
            Value::Fraction(args[0].eval(scope).number(), args[1].eval(scope).number())
        }
        Func::Percent => {
            let (Some(n), Some(d)) = (args[0].eval(scope).number(), args[1].eval(scope).number())
            else {
                return Value::Missing;
            };
            crate::vi::percent_of(n, d, scope.ratio_rule()).map_or(Value::Missing, |percent| {
                Value::Number(percent, Unit::Percent)
            })
        }
        Func::Sum => {
            let mut total: Option<(Decimal, Unit)> = None;
            for value in args.iter().flat_map(|arg| arg.values(scope)) {
                let Value::Number(number, unit) = value else {
                    continue;
                };
                total = match total {
                    None => Some((number, unit)),
                    Some((sum, sum_unit)) => {
                        let Some(sum) = sum.checked_add(number) else {
                            return Value::Missing;
                        };
                        Some((sum, if sum_unit == unit { unit } else { Unit::Plain }))
                    }
                };
            }
            total.map_or(Value::Missing, |(sum, unit)| Value::Number(sum, unit))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vi::Rounding;

    /// Figures `a` (0), `b` (1), `c` (2) and a list `l` (3) with columns `n` (0), `t` (1).
    struct Test {
        figures: Vec<Value>,
        list: Vec<Vec<Value>>,
    }

    fn count(n: i64) -> Value {
        Value::Number(Decimal::from_whole(n).unwrap(), Unit::Count)
    }

    impl Names for Test {
        fn resolve(&self, name: &str) -> Result<Ref, String> {
            match name {
                "a" => Ok(Ref::Figure(0)),
                "b" => Ok(Ref::Figure(1)),
                "c" => Ok(Ref::Figure(2)),
                "l.n" => Ok(Ref::Column { list: 3, column: 0 }),
                "g.*" => Ok(Ref::Figures(vec![0, 1, 2])),
                "period.year" => Ok(Ref::Context(Context::PeriodYear)),
                _ => Err(format!("không có số liệu «{name}»")),
            }
        }
    }

    impl Scope for Test {
        fn figure(&self, id: usize) -> Value {
            self.figures[id].clone()
        }
        fn column(&self, _: usize, column: usize) -> Vec<Value> {
            self.list.iter().map(|item| item[column].clone()).collect()
        }
        fn item(&self, _: usize) -> Value {
            Value::Missing
        }
        fn context(&self, _: Context) -> Value {
            Value::Text("2025".into())
        }
        fn row(&self, _: usize) -> Value {
            Value::Missing
        }
        fn ratio_rule(&self) -> RatioRule {
            RatioRule {
                rounding: Rounding::Truncate,
                decimals: 2,
                keep_trailing_zeros: false,
            }
        }
    }

    fn scope() -> Test {
        Test {
            figures: vec![count(843), count(847), Value::Missing],
            list: vec![vec![count(2)], vec![Value::Missing], vec![count(3)]],
        }
    }

    fn eval(source: &str) -> Value {
        let scope = scope();
        parse(source, 0, &scope).unwrap().eval(&scope)
    }

    fn error(source: &str) -> ExprError {
        parse(source, 0, &scope()).unwrap_err()
    }

    #[test]
    fn comparisons_and_arithmetic() {
        assert_eq!(eval("a <= b"), Value::Bool(true));
        assert_eq!(eval("a > b"), Value::Bool(false));
        assert_eq!(eval("a + 4 = b"), Value::Bool(true));
        assert_eq!(eval("a = b or a < b"), Value::Bool(true));
        assert_eq!(eval("not (a = b) and 1 < 2"), Value::Bool(true));
        assert_eq!(
            eval("(a + b) * 2"),
            Value::Number(Decimal::from_whole(3380).unwrap(), Unit::Plain)
        );
        assert_eq!(
            eval("a - b"),
            Value::Number(Decimal::from_whole(-4).unwrap(), Unit::Count)
        );
        assert_eq!(eval("b / 2").number(), Decimal::from_hundredths(42_350));
        assert_eq!(
            eval("1.5 + 1"),
            Value::Number(Decimal::from_hundredths(250).unwrap(), Unit::Plain)
        );
    }

    #[test]
    fn missing_values_make_missing_results_not_zero() {
        assert_eq!(eval("c <= a"), Value::Missing);
        assert_eq!(eval("a + c"), Value::Missing);
        assert_eq!(eval("a / 0"), Value::Missing);
        assert_eq!(eval("c = 0 and a < b"), Value::Missing);
        assert_eq!(
            eval("c = 0 and a > b"),
            Value::Bool(false),
            "false wins over missing"
        );
        assert_eq!(
            eval("c = 0 or a < b"),
            Value::Bool(true),
            "true wins over missing"
        );
        assert_eq!(eval("has(c)"), Value::Bool(false));
        assert_eq!(
            eval("period.year >= 2025"),
            Value::Bool(true),
            "a year is a number"
        );
        assert_eq!(eval("period.year = '2025'"), Value::Bool(true));
        assert_eq!(eval("has(a)"), Value::Bool(true));
        assert_eq!(
            eval("value_or(c, 0)"),
            Value::Number(Decimal::ZERO, Unit::Plain)
        );
        assert_eq!(eval("percent(a, 0)"), Value::Missing);
    }

    #[test]
    fn functions() {
        assert_eq!(
            eval("percent(a, b)"),
            Value::Number(Decimal::from_hundredths(9952).unwrap(), Unit::Percent)
        );
        assert_eq!(
            eval("sum(a, c, b)"),
            Value::Number(Decimal::from_whole(1690).unwrap(), Unit::Count)
        );
        assert_eq!(eval("sum(c)"), Value::Missing);
        assert_eq!(eval("sum(l.n)"), count(5));
        assert_eq!(eval("sum(g.*)"), count(1690));
        assert_eq!(eval("sum(l.n) + 1 = 6"), Value::Bool(true));
        assert_eq!(
            eval("fraction(a, c)"),
            Value::Fraction(Decimal::from_whole(843), None)
        );
    }

    #[test]
    fn overflow_is_missing_never_wrapped() {
        let scope = Test {
            figures: vec![
                Value::Number(
                    Decimal::from_whole(Decimal::MAX_WHOLE).unwrap(),
                    Unit::Count,
                ),
                count(1),
                Value::Missing,
            ],
            list: Vec::new(),
        };
        for source in ["a + b", "sum(a, b)", "a * a", "a * 100 = 0"] {
            assert_eq!(
                parse(source, 0, &scope).unwrap().eval(&scope),
                Value::Missing,
                "{source}"
            );
        }
    }

    #[test]
    fn errors_name_the_position_in_vietnamese() {
        let unknown = error("a <= recieved");
        assert_eq!(unknown.position, 6);
        assert_eq!(unknown.message, "không có số liệu «recieved»");
        let unclosed = error("percent(a, b");
        assert_eq!(unclosed.position, 13);
        assert!(
            unclosed.message.contains("thiếu dấu «)»"),
            "{}",
            unclosed.message
        );
        assert_eq!(
            error("a <= ").message,
            "thiếu một giá trị, gặp hết biểu thức"
        );
        assert_eq!(error("a b").position, 3);
        assert!(error("a b").message.starts_with("thừa «b»"));
        assert!(error("avg(a)").message.starts_with("không có hàm «avg»"));
        assert_eq!(
            error("percent(a)").message,
            "hàm percent cần 2 đối số, có 1"
        );
        assert_eq!(
            error("a # b").message,
            "ký tự «#» không dùng được trong biểu thức"
        );
        assert!(error("l.n > 1").message.contains("chỉ dùng được trong sum"));
        assert!(error("sum(l.n + 1)")
            .message
            .contains("chỉ dùng được trong sum"));
        assert_eq!(error("'abc").message, "thiếu dấu ' đóng chuỗi");
        assert_eq!(error("   ").message, "biểu thức trống");
        assert_eq!(parse("x", 10, &scope()).unwrap_err().position, 11);
        let deep = format!("{}a{}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(error(&deep)
            .message
            .starts_with("biểu thức lồng nhau quá sâu"));
        assert!(error(&"- ".repeat(100_000))
            .message
            .starts_with("biểu thức lồng nhau quá sâu"));
        let fine = format!("{}a{}", "(".repeat(60), ")".repeat(60));
        assert_eq!(
            parse(&fine, 0, &scope()).unwrap().eval(&scope()),
            count(843)
        );
    }

    #[test]
    fn units_are_known_before_values() {
        let scope = scope();
        let unit_of = |_: &Ref| Some(Unit::Count);
        let unit = |source: &str| parse(source, 0, &scope).unwrap().unit(&unit_of);
        assert_eq!(unit("a + b"), Some(Unit::Count));
        assert_eq!(unit("percent(a, b)"), Some(Unit::Percent));
        assert_eq!(unit("a * 2"), Some(Unit::Plain));
        assert_eq!(unit("a <= b"), None);
        assert_eq!(unit("sum(a, b)"), Some(Unit::Count));
    }
}
