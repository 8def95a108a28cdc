// Accepts TCP connections and starts an HttpSession for each.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "adapters/server/shared_state.hpp"

namespace adapters::server {

// Gives each connection its own strand and decides at once what it may hold: a full slot, or
// past config.max_connections a reserve one. Over its client's cap
// (config.max_client_connections), or with every slot and the reserve taken, it is closed
// without a word, so that no descriptor stays with it.
// When accept fails (out of descriptors: EMFILE/ENFILE, or memory), it waits
// kAcceptRetry before trying again, and logs once per such episode.
// Thread safety: shutdown() may be called from any thread; the rest runs on its strand.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  static constexpr std::chrono::milliseconds kAcceptRetry{100};

  // Binds and listens at once; throws std::runtime_error naming the address and what to do
  // when it cannot (no Boost source locations).
  Listener(boost::asio::io_context& ioc, const boost::asio::ip::tcp::endpoint& endpoint,
           std::shared_ptr<SharedState> state);

  unsigned short port() const { return port_; }
  void run();
  void shutdown();  // stops accepting

 private:
  void do_accept();
  void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& ioc_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::ip::tcp::endpoint peer_;  // filled by the accept in progress
  boost::asio::steady_timer retry_;
  std::shared_ptr<SharedState> state_;
  unsigned short port_ = 0;
  std::uint64_t failed_accepts_ = 0;  // in the current episode of accept failures
};

}  // namespace adapters::server
