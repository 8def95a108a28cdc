// Renders an answer object for a terminal: Markdown made readable, the salary comparison or
// bands as an aligned table with a bar per range, sources dimmed.
#pragma once

#include <string>

#include <boost/json/object.hpp>

namespace adapters::terminal {

struct RenderStyle {
  bool colour = false;  // ANSI bold/dim/colour; only when writing to a terminal
  int bar_width = 30;   // characters for the widest salary range bar
};

// `answer`: the contract's answer object (an extra "type"/"id" is ignored), or an error
// frame {"type":"error","code":...,"message":...}. Tolerates missing or ill-typed fields.
// Pure: the same input gives the same text.
std::string render_answer(const boost::json::object& answer, const RenderStyle& style);

}  // namespace adapters::terminal
