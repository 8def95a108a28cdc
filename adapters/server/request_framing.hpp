// Where a request ends, by the rules of RFC 9112 that Beast's parser leaves to the server.
//
// Beast reads a request whose Transfer-Encoding does not end in "chunked" ("xchunked",
// "chunked, identity", "gzip") as having no body. A proxy in front may see the same bytes
// differently, so the body would be read as a second request (request smuggling). RFC 9112
// §6.3 says: answer 400 and close. Host must be there once in HTTP/1.1 (§3.2).
#pragma once

#include <optional>
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>

namespace adapters::server {

struct FramingError {
  boost::beast::http::status status;  // 400, or 501 for a transfer coding other than chunked
  std::string_view message;           // for the client; a literal
};

// Checks a request's head (before its body is read). Empty when the request may be served;
// otherwise the connection must be closed after the error is answered.
std::optional<FramingError> check_framing(const boost::beast::http::request_header<>& head);

}  // namespace adapters::server
