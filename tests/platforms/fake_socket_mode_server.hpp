// A local stand-in for Slack's Socket Mode WebSocket in the tests (ws://127.0.0.1, ephemeral
// port). The first connection gets hello and the script's envelopes (events_api,
// slash_commands, interactive, …); once as many frames as envelopes came back (the acks) it
// gets a `disconnect`. Later connections get hello and are kept open. Records every connection
// and every frame the client sends.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace platforms_test {

class FakeSocketModeServer {
 public:
  struct Script {
    std::vector<std::string> envelopes;  // full frames, each with an envelope_id, sent in order
  };

  explicit FakeSocketModeServer(Script script);
  ~FakeSocketModeServer();
  FakeSocketModeServer(const FakeSocketModeServer&) = delete;
  FakeSocketModeServer& operator=(const FakeSocketModeServer&) = delete;

  // "ws://127.0.0.1:PORT/link?ticket=test"
  std::string url() const;

  struct Observed {
    int connections = 0;
    std::vector<std::string> targets;  // the request target of each connection
    std::vector<std::string> frames;   // text frames from the client, in order
  };
  Observed observed() const;
  bool wait_for(const std::function<bool(const Observed&)>& done, std::chrono::milliseconds timeout) const;

 private:
  const Script script_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  Observed observed_;
  std::thread thread_;
};

}  // namespace platforms_test
