// A local stand-in for a platform's Web API (Slack, Discord) in the tests: an HTTP server on
// 127.0.0.1 (ephemeral port) that records every request and answers with a test's function.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "adapters/common/http_handler.hpp"

namespace platforms_test {

struct RecordedRequest {
  std::string method;
  std::string target;
  std::string authorization;
  std::string content_type;
  std::string body;
  std::chrono::steady_clock::time_point received;
};

class FakeHttpServer {
 public:
  // Called on the server's thread, in the order requests arrive; `index` counts from 0.
  using Responder = std::function<adapters::HttpResponse(const adapters::HttpRequest&, std::size_t index)>;

  explicit FakeHttpServer(Responder responder);
  ~FakeHttpServer();
  FakeHttpServer(const FakeHttpServer&) = delete;
  FakeHttpServer& operator=(const FakeHttpServer&) = delete;

  unsigned short port() const { return port_; }
  // "http://127.0.0.1:PORT" + path
  std::string url(const std::string& path = "") const;

  std::vector<RecordedRequest> requests() const;
  // Waits until `done(requests())` holds or `timeout` passes; returns whether it held.
  bool wait_for(const std::function<bool(const std::vector<RecordedRequest>&)>& done,
                std::chrono::milliseconds timeout) const;

  // A 200 with a JSON body, for responders.
  static adapters::HttpResponse json(const std::string& body,
                                     boost::beast::http::status status = boost::beast::http::status::ok);

 private:
  // Returns the request's index.
  std::size_t record(const adapters::HttpRequest& request);

  Responder responder_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<RecordedRequest> requests_;
  std::thread thread_;
};

}  // namespace platforms_test
