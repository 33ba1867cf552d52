//! The analyst's matrix as a GraphML network: actors and topics are nodes, each stance an edge
//! from actor to topic with a signed weight (support +2 … oppose −2; mixed 0, marked `mixed`), the
//! shape network tools (Gephi, networkx, igraph, Discourse Network Analyzer) read.

use super::model::Export;
use super::safe::xml_text;
use crate::model::Stance;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io::Write;

const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";
const SCHEMA: &str =
    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";

/// The attributes declared: (id, for, name, type).
const KEYS: [(&str, &str, &str, &str); 9] = [
    ("label", "node", "label", "string"),
    ("type", "node", "type", "string"),
    ("kind", "node", "kind", "string"),
    ("affiliation", "node", "affiliation", "string"),
    ("stance", "edge", "stance", "string"),
    ("weight", "edge", "weight", "int"),
    ("mixed", "edge", "mixed", "boolean"),
    ("provenance", "edge", "provenance", "string"),
    ("confidence", "edge", "confidence", "double"),
];

/// Writes `export` as GraphML.
pub fn write(export: &Export, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("graphml")
        .with_attribute(("xmlns", NAMESPACE))
        .with_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"))
        .with_attribute(("xsi:schemaLocation", SCHEMA))
        .write_inner_content(|w| {
            for (id, target, name, kind) in KEYS {
                w.create_element("key")
                    .with_attribute(("id", id))
                    .with_attribute(("for", target))
                    .with_attribute(("attr.name", name))
                    .with_attribute(("attr.type", kind))
                    .write_empty()?;
            }
            w.create_element("graph")
                .with_attribute(("id", "briefing"))
                .with_attribute(("edgedefault", "directed"))
                .write_inner_content(|w| graph(export, w))?;
            Ok(())
        })?;
    writeln!(w.get_mut())
}

fn data<W: Write>(w: &mut Writer<W>, key: &str, value: &str) -> std::io::Result<()> {
    w.create_element("data")
        .with_attribute(("key", key))
        .write_text_content(BytesText::new(&xml_text(value)))?;
    Ok(())
}

/// A node's id: its kind and the actor's or topic's id, with what XML forbids replaced.
fn node_id(kind: &str, id: &str) -> String {
    xml_text(&format!("{kind}:{id}")).into_owned()
}

fn graph<W: Write>(export: &Export, w: &mut Writer<W>) -> std::io::Result<()> {
    for a in &export.actors {
        w.create_element("node")
            .with_attribute(("id", node_id("actor", &a.id.0).as_ref()))
            .write_inner_content(|w| {
                data(w, "label", &a.name)?;
                data(w, "type", "actor")?;
                data(w, "kind", &format!("{:?}", a.kind).to_lowercase())?;
                if let Some(aff) = &a.affiliation {
                    data(w, "affiliation", &node_id("actor", &aff.0))?;
                }
                Ok(())
            })?;
    }
    for t in &export.topics {
        w.create_element("node")
            .with_attribute(("id", node_id("topic", &t.id.0).as_ref()))
            .write_inner_content(|w| {
                data(w, "label", &t.name)?;
                data(w, "type", "topic")
            })?;
    }
    for (i, c) in export.cells.iter().enumerate() {
        w.create_element("edge")
            .with_attribute(("id", format!("e{i}").as_str()))
            .with_attribute(("source", node_id("actor", &c.actor.0).as_ref()))
            .with_attribute(("target", node_id("topic", &c.topic.0).as_ref()))
            .write_inner_content(|w| {
                data(w, "stance", c.stance.word())?;
                data(w, "weight", &c.stance.score().to_string())?;
                data(
                    w,
                    "mixed",
                    if c.stance == Stance::Mixed {
                        "true"
                    } else {
                        "false"
                    },
                )?;
                data(w, "provenance", c.provenance)?;
                if let Some(confidence) = c.confidence {
                    data(w, "confidence", &format!("{confidence:.2}"))?;
                }
                Ok(())
            })?;
    }
    Ok(())
}
