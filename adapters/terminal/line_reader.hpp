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
  // `interactive`.
  LineReader(bool interactive, std::filesystem::path history);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line without its newline, or empty at the end of input (Ctrl-D).
  std::optional<std::string> read(std::string_view prompt);

 private:
  bool interactive_;
  std::filesystem::path history_;
};

}  // namespace adapters::terminal
