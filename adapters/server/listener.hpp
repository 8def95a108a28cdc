// Accepts TCP connections and starts an HttpSession for each.
#pragma once

#include <memory>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "adapters/server/shared_state.hpp"

namespace adapters::server {

// Gives each connection its own strand, and a connection slot while the server is under
// config.max_connections (without one, the session answers 503).
// Thread safety: shutdown() may be called from any thread; the rest runs on its strand.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Binds and listens at once; throws boost::system::system_error when it cannot.
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
  boost::asio::steady_timer retry_;
  std::shared_ptr<SharedState> state_;
  unsigned short port_ = 0;
};

}  // namespace adapters::server
