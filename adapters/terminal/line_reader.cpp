#include "adapters/terminal/line_reader.hpp"

#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include <langinfo.h>

#include <readline.h>

namespace adapters::terminal {

LineReader::LineReader(bool interactive, std::filesystem::path history)
    : interactive_(interactive), history_(std::move(history)) {
  if (!interactive_) return;
  // libedit converts the prompt and the input with the C library's multibyte functions: in the
  // "C" locale every program starts in, a non-ASCII byte fails the conversion and libedit
  // crashes on the result. Only LC_CTYPE: the other categories would change how numbers print.
  std::setlocale(LC_CTYPE, "");
  utf8_ = std::strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
  using_history();
  stifle_history(1000);
  if (!history_.empty()) read_history(history_.c_str());
}

LineReader::~LineReader() {
  if (interactive_ && !history_.empty()) write_history(history_.c_str());
}

std::optional<std::string> LineReader::read(std::string_view prompt) {
  if (!interactive_) {
    std::string line;
    if (!std::getline(std::cin, line)) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  char* raw = readline(std::string(prompt).c_str());
  if (!raw) return std::nullopt;
  std::string line(raw);
  std::free(raw);
  if (line.find_first_not_of(" \t") != std::string::npos) add_history(line.c_str());
  return line;
}

}  // namespace adapters::terminal
