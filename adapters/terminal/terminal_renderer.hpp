// Renders an answer object for a terminal: Markdown made readable (tables aligned, bold as
// bold, lists as bullets), the salary comparison or bands as a bar per range under the names
// the documents give them, each cited section once, dimmed.
#pragma once

#include <string>

#include <boost/json/object.hpp>

namespace adapters::terminal {

struct RenderStyle {
  bool colour = false;  // ANSI bold/dim/colour; only when writing to a terminal
  int bar_width = 30;   // characters for the widest salary range bar
};

// The style for writing to `fd`: colour when it is a terminal and NO_COLOR is unset or empty
// (no-color.org).
RenderStyle style_for(int fd);

// `answer`: the contract's answer object (an extra "type"/"id" is ignored), or an error
// frame {"type":"error","code":...,"message":...}. Tolerates missing or ill-typed fields.
// Pure: the same input gives the same text.
std::string render_answer(const boost::json::object& answer, const RenderStyle& style);

}  // namespace adapters::terminal
