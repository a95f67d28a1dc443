//! What the index reads of one tool: its names and the text of its definition, by field.

use serde_json::Value;

/// The parts of a tool's text that rank differently (a word in the name says more than one in a
/// parameter's description).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The upstream's own name for the tool (and the exposed name when it was renamed).
    Name,
    /// `title` and `annotations.title`.
    Title,
    /// The server (or prefix) the tool comes from.
    Server,
    Description,
    /// Property names of `inputSchema`, nested ones included.
    ParamName,
    /// Their descriptions, titles and enumerated values.
    ParamText,
}

impl Field {
    pub const COUNT: usize = 6;
    pub const ALL: [Field; Field::COUNT] = [
        Field::Name,
        Field::Title,
        Field::Server,
        Field::Description,
        Field::ParamName,
        Field::ParamText,
    ];

    pub fn index(self) -> usize {
        self as usize
    }
}

/// How deep nested schemas (objects in arrays in objects…) are read for parameter text.
const MAX_SCHEMA_DEPTH: usize = 4;

/// One tool as the index sees it: text borrowed from its definition.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ToolDoc<'a> {
    /// The exposed name, unique in the catalog.
    pub name: &'a str,
    pub server: &'a str,
    /// The name the upstream gave it.
    pub original_name: &'a str,
    /// `title` and `annotations.title` (either may be empty).
    pub titles: [&'a str; 2],
    pub description: &'a str,
    pub param_names: Vec<&'a str>,
    /// Parameters' descriptions, titles and enumerated values.
    pub param_text: Vec<&'a str>,
}

impl<'a> ToolDoc<'a> {
    /// Reads a tool definition (`name`, `title`, `description`, `inputSchema`, `annotations`)
    /// as served to the client; `server` and `original_name` say where it came from. Missing or
    /// mistyped members are read as empty: a definition is indexed as well as it can be.
    pub fn from_definition(
        server: &'a str,
        original_name: &'a str,
        definition: &'a Value,
    ) -> ToolDoc<'a> {
        let mut doc = ToolDoc {
            server,
            original_name,
            ..ToolDoc::default()
        };
        // One pass over the members (a lookup per member costs a hash each; this runs for
        // every tool of every server).
        for (key, value) in definition.as_object().into_iter().flatten() {
            let text = value.as_str().unwrap_or("");
            match key.as_str() {
                "name" => doc.name = text,
                "title" => doc.titles[0] = text,
                "description" => doc.description = text,
                "annotations" => {
                    doc.titles[1] = value.get("title").and_then(Value::as_str).unwrap_or("");
                }
                "inputSchema" => doc.read_schema(value, 0),
                _ => {}
            }
        }
        if doc.titles[1] == doc.titles[0] {
            doc.titles[1] = "";
        }
        doc
    }

    /// Calls `f` with each piece of text and the field it belongs to.
    pub fn for_each_text(&self, mut f: impl FnMut(Field, &str)) {
        f(Field::Name, self.original_name);
        // A renamed tool is known by both names; a prefixed one only adds the server's.
        if !self.name.ends_with(self.original_name) {
            f(Field::Name, self.name);
        }
        for title in self.titles {
            f(Field::Title, title);
        }
        f(Field::Server, self.server);
        f(Field::Description, self.description);
        for p in &self.param_names {
            f(Field::ParamName, p);
        }
        for t in &self.param_text {
            f(Field::ParamText, t);
        }
    }

    fn read_schema(&mut self, schema: &'a Value, depth: usize) {
        if depth >= MAX_SCHEMA_DEPTH {
            return;
        }
        for (key, value) in schema.as_object().into_iter().flatten() {
            match key.as_str() {
                "properties" => {
                    for (name, prop) in value.as_object().into_iter().flatten() {
                        self.param_names.push(name);
                        self.read_property(prop);
                        self.read_schema(prop, depth + 1);
                    }
                }
                "items" => self.read_schema(value, depth + 1),
                "anyOf" | "oneOf" | "allOf" => {
                    for sub in value.as_array().into_iter().flatten() {
                        self.read_schema(sub, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    /// A property's own words: its title, description and enumerated values.
    fn read_property(&mut self, prop: &'a Value) {
        for (key, value) in prop.as_object().into_iter().flatten() {
            match key.as_str() {
                "title" | "description" => self.param_text.extend(value.as_str()),
                "enum" => self.param_text.extend(
                    value
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str),
                ),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_every_part_of_a_definition() {
        let def = json!({
            "name": "gh_create_issue",
            "title": "Create issue",
            "description": "Open a new issue.",
            "inputSchema": {"type": "object", "properties": {
                "repo": {"type": "string", "description": "owner/name"},
                "labels": {"type": "array", "items": {"type": "object", "properties": {
                    "color": {"type": "string", "enum": ["red", "green", 3]}
                }}},
                "state": {"anyOf": [{"properties": {"reason": {"title": "Why"}}}]}
            }},
            "annotations": {"title": "New issue", "readOnlyHint": false}
        });
        let doc = ToolDoc::from_definition("github", "create_issue", &def);
        assert_eq!(doc.name, "gh_create_issue");
        assert_eq!(doc.titles, ["Create issue", "New issue"]);
        assert_eq!(
            doc.param_names,
            ["repo", "labels", "color", "state", "reason"]
        );
        assert_eq!(doc.param_text, ["owner/name", "red", "green", "Why"]);
        let mut names = Vec::new();
        doc.for_each_text(|f, t| {
            if f == Field::Name {
                names.push(t.to_string());
            }
        });
        // The prefix adds nothing to the name field: the server field has it.
        assert_eq!(names, ["create_issue"]);
    }

    #[test]
    fn a_renamed_tool_is_known_by_both_names_and_junk_reads_as_empty() {
        let def = json!({"name": "nice", "title": 3, "annotations": {"title": "Nice"}});
        let doc = ToolDoc::from_definition("s", "raw_name", &def);
        let mut names = Vec::new();
        doc.for_each_text(|f, t| {
            if f == Field::Name {
                names.push(t.to_string());
            }
        });
        assert_eq!(names, ["raw_name", "nice"]);
        assert_eq!(doc.titles, ["", "Nice"]);
        let junk = json!("not an object");
        let empty = ToolDoc::from_definition("s", "x", &junk);
        assert_eq!(empty.name, "");
        assert!(empty.param_names.is_empty());
    }
}
