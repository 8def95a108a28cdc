#include "adapters/server/request_framing.hpp"

#include <boost/beast/core/string.hpp>

namespace adapters::server {
namespace http = boost::beast::http;

namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

}  // namespace

std::optional<FramingError> check_framing(const http::request_header<>& head) {
  const auto hosts = head.count(http::field::host);
  if (hosts > 1) return FramingError{http::status::bad_request, "more than one Host header"};
  if (hosts == 0 && head.version() >= 11)
    return FramingError{http::status::bad_request, "HTTP/1.1 needs a Host header"};

  const auto [first, last] = head.equal_range(http::field::transfer_encoding);
  if (first == last) return std::nullopt;
  if (head.version() < 11)
    return FramingError{http::status::bad_request, "Transfer-Encoding is not allowed in HTTP/1.0"};
  // The codings of every Transfer-Encoding line, in order, as one list.
  std::size_t codings = 0, chunked = 0;
  bool last_is_chunked = false;
  for (auto field = first; field != last; ++field) {
    std::string_view list = field->value();
    while (!list.empty()) {
      const auto comma = list.find(',');
      const auto coding = trim(list.substr(0, comma));
      list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
      if (coding.empty()) continue;
      ++codings;
      last_is_chunked = boost::beast::iequals(coding, "chunked");
      if (last_is_chunked) ++chunked;
    }
  }
  if (!last_is_chunked || chunked > 1)
    return FramingError{http::status::bad_request,
                        "Transfer-Encoding must end in chunked, once (RFC 9112 section 6.3)"};
  if (codings > 1) return FramingError{http::status::not_implemented, "no transfer coding but chunked is supported"};
  return std::nullopt;
}

}  // namespace adapters::server
