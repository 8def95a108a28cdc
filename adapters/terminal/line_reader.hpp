// Reads the terminal client's input: with line editing and history on a terminal (libedit),
// plain lines without a prompt otherwise (piped input).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace adapters::terminal {

// libedit's readline interface is process-global: create at most one LineReader at a time.
class LineReader {
 public:
  // `history`: where the history is kept between runs (empty: nowhere). Only used when
  // `interactive`. An interactive reader sets the process's LC_CTYPE from the environment
  // (LANG, LC_ALL, LC_CTYPE), which libedit needs to read and draw multibyte characters.
  LineReader(bool interactive, std::filesystem::path history);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line without its newline, or empty at the end of input (Ctrl-D). `prompt` is
  // shown on a terminal only; it must be ASCII unless utf8().
  std::optional<std::string> read(std::string_view prompt);

  // Whether the terminal's locale encodes characters as UTF-8, so a prompt may hold any.
  bool utf8() const { return utf8_; }

 private:
  bool interactive_;
  bool utf8_ = false;
  std::filesystem::path history_;
};

}  // namespace adapters::terminal
