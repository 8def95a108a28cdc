#include "adapters/slack/form_decode.hpp"

#include <cctype>

#include <boost/url/encoding_opts.hpp>
#include <boost/url/pct_string_view.hpp>

namespace adapters::slack {
namespace {

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// A % not followed by two hex digits is kept as written: escaped as %25 first, so that Boost.URL
// decodes the rest.
std::string escape_stray_percents(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool valid = text[i] == '%' && i + 2 < text.size() && is_hex(text[i + 1]) && is_hex(text[i + 2]);
    if (text[i] == '%' && !valid)
      escaped += "%25";
    else
      escaped += text[i];
  }
  return escaped;
}

std::string form_decode(std::string_view text) {
  const auto escaped = escape_stray_percents(text);
  boost::urls::encoding_opts form;
  form.space_as_plus = true;  // application/x-www-form-urlencoded writes a space as +
  return boost::urls::make_pct_string_view(escaped)->decode(form);
}

}  // namespace

std::map<std::string, std::string, std::less<>> decode_form(std::string_view body) {
  std::map<std::string, std::string, std::less<>> fields;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const auto pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto name = form_decode(pair.substr(0, eq));
    auto value = eq == std::string_view::npos ? std::string{} : form_decode(pair.substr(eq + 1));
    fields.emplace(std::move(name), std::move(value));
  }
  return fields;
}

}  // namespace adapters::slack
