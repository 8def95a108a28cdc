// The seam between the HTTP server and the adapters that answer on its port (the web widget's
// files, Slack, Discord): the server routes a request to the first handler that claims it.
#pragma once

#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace adapters {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

// Thread safety: handle() is called from the server's I/O threads, several at once; it must
// not block for long (hand slow work, such as posting to Slack, to an executor of its own).
class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  // True when this handler answers requests for `path` (the target without its query).
  virtual bool handles(std::string_view path) const = 0;
  virtual HttpResponse handle(const HttpRequest& request) = 0;
  // True when handle() for `path` may wait for the conversation store (it answers a question
  // there and then): when the store may block (Redis), the server calls it on the assistant's
  // threads instead of an I/O thread.
  virtual bool waits_for_store(std::string_view /*path*/) const { return false; }
};

}  // namespace adapters
