//! The values of a `server.json`'s inputs (environment variables, headers, arguments and their
//! `{variables}`): given on the command line, fixed by the publisher, defaulted, or asked for.
//! Secrets nobody typed become `${env:VAR}` references, so the store never needs them.

use std::collections::{BTreeMap, VecDeque};
use std::path::Path;

use super::RegistryError;
use super::document::Input;

/// What a value is for, as questions and messages name it.
#[derive(Debug, Clone)]
pub(crate) enum What {
    Env(String),
    Header(String),
    Argument(String),
    Variable(String),
}

impl What {
    pub(crate) fn label(&self) -> String {
        match self {
            What::Env(n) => format!("environment variable {n}"),
            What::Header(n) => format!("header {n}"),
            What::Argument(n) => format!("argument {n}"),
            What::Variable(n) => format!("variable {n}"),
        }
    }

    /// How to give it on the command line.
    fn flag(&self) -> String {
        match self {
            What::Env(n) => format!("--env {n}=VALUE"),
            What::Header(n) => format!("--header {n}=VALUE"),
            What::Argument(n) | What::Variable(n) => format!("--arg {n}=VALUE"),
        }
    }

    /// The environment variable a secret refers to: its own name, or the name made one.
    pub(crate) fn env_name(&self) -> String {
        match self {
            What::Env(n) => n.clone(),
            What::Header(n) | What::Argument(n) | What::Variable(n) => n
                .trim_start_matches('-')
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_uppercase()
                    } else {
                        '_'
                    }
                })
                .collect(),
        }
    }
}

/// A value vmcp needs and was not given.
#[derive(Debug)]
pub(crate) struct Question<'a> {
    pub what: &'a What,
    pub description: Option<&'a str>,
    pub secret: bool,
    pub choices: &'a [String],
}

/// Who answers questions: the terminal, or nobody.
pub(crate) trait Ask {
    /// The answer; `None` when nobody can be asked, or (for a secret) the answer was empty.
    fn ask(&mut self, q: &Question<'_>) -> Option<String>;
}

/// The values given on the command line, used up as the entry's inputs take them.
pub(super) struct Values<'a> {
    ask: &'a mut dyn Ask,
    cwd: &'a Path,
    /// `--arg KEY=VALUE` whose key names an input.
    keyed: BTreeMap<String, Vec<String>>,
    /// The other `--arg` values, for positional arguments in order.
    pub(super) positional: VecDeque<String>,
    pub(super) env: BTreeMap<String, String>,
    pub(super) headers: BTreeMap<String, String>,
    /// Environment variables that secrets refer to.
    pub(super) references: Vec<String>,
}

impl<'a> Values<'a> {
    /// `known`: the keys inputs answer to (flags with and without dashes, value hints, variable
    /// names); an `--arg` whose `KEY=` is one of them is given to that input.
    pub(super) fn new(
        args: Vec<String>,
        env: BTreeMap<String, String>,
        headers: BTreeMap<String, String>,
        known: &[String],
        cwd: &'a Path,
        ask: &'a mut dyn Ask,
    ) -> Values<'a> {
        let mut keyed: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut positional = VecDeque::new();
        for a in args {
            match a.split_once('=') {
                Some((k, v)) if known.iter().any(|n| n == k) => {
                    keyed
                        .entry(k.trim_start_matches('-').to_string())
                        .or_default()
                        .push(v.to_string());
                }
                _ => positional.push_back(a),
            }
        }
        Values {
            ask,
            cwd,
            keyed,
            positional,
            env,
            headers,
            references: Vec::new(),
        }
    }

    /// The values given for `key` (`--port` and `port` are the same key).
    pub(super) fn take_keyed(&mut self, key: &str) -> Vec<String> {
        self.keyed
            .remove(key.trim_start_matches('-'))
            .unwrap_or_default()
    }

    /// Keys given that no input took (a typo, or a value the entry does not declare).
    pub(super) fn unused_keys(&self) -> Vec<String> {
        self.keyed.keys().cloned().collect()
    }

    /// The value of one input: fixed (with its variables filled in), given, defaulted, asked
    /// for, or — for a secret nobody typed — a reference. `None`: an optional input left out.
    pub(super) fn resolve(
        &mut self,
        what: &What,
        input: &Input,
        given: Option<String>,
    ) -> Result<Option<String>, RegistryError> {
        if let Some(fixed) = &input.value {
            return self.fill(fixed, &input.variables).map(Some);
        }
        let value = match (given, &input.default) {
            (Some(v), _) => v,
            (None, Some(d)) => d.clone(),
            (None, None) if !input.is_required => return Ok(None),
            (None, None) => return self.ask_for(what, input).map(Some),
        };
        self.check(what, input, value).map(Some)
    }

    fn ask_for(&mut self, what: &What, input: &Input) -> Result<String, RegistryError> {
        let q = Question {
            what,
            description: input.description.as_deref(),
            secret: input.is_secret,
            choices: &input.choices,
        };
        match self.ask.ask(&q) {
            Some(answer) => self.check(what, input, answer),
            None if input.is_secret => {
                let var = what.env_name();
                if !self.references.contains(&var) {
                    self.references.push(var.clone());
                }
                Ok(format!("${{env:{var}}}"))
            }
            None => Err(RegistryError::BadValue(format!(
                "{} is required{}: pass `{}`",
                what.label(),
                input
                    .description
                    .as_deref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default(),
                what.flag()
            ))),
        }
    }

    /// `{name}`s in a fixed value replaced by their variables' values.
    fn fill(
        &mut self,
        template: &str,
        variables: &BTreeMap<String, Input>,
    ) -> Result<String, RegistryError> {
        let mut out = template.to_string();
        for (name, var) in variables {
            let needle = format!("{{{name}}}");
            if !out.contains(&needle) {
                continue;
            }
            let given = self.take_keyed(name).into_iter().next();
            let value = self
                .resolve(&What::Variable(name.clone()), var, given)?
                .unwrap_or_default();
            out = out.replace(&needle, &value);
        }
        Ok(out)
    }

    /// A value checked against the input's choices and format (`filepath`s made absolute).
    fn check(&self, what: &What, input: &Input, value: String) -> Result<String, RegistryError> {
        if value.contains("${env:") {
            return Ok(value);
        }
        let bad = |expected: String| {
            Err(RegistryError::BadValue(format!(
                "{} takes {expected}, not `{}`",
                what.label(),
                if input.is_secret { "<hidden>" } else { &value }
            )))
        };
        if !input.choices.is_empty() && !input.choices.contains(&value) {
            return bad(format!("one of {}", input.choices.join(", ")));
        }
        match input.format.as_deref() {
            Some("number") if value.parse::<f64>().is_err() => bad("a number".into()),
            Some("boolean") if value != "true" && value != "false" => bad("true or false".into()),
            Some("filepath") if Path::new(&value).is_relative() => {
                Ok(self.cwd.join(&value).display().to_string())
            }
            _ => Ok(value),
        }
    }
}
