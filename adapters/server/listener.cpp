#include "adapters/server/listener.hpp"

#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>

#include "adapters/server/http_session.hpp"

namespace adapters::server {
namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

Listener::Listener(net::io_context& ioc, const tcp::endpoint& endpoint, std::shared_ptr<SharedState> state)
    : ioc_(ioc), strand_(net::make_strand(ioc)), acceptor_(strand_), retry_(strand_), state_(std::move(state)) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(net::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(net::socket_base::max_listen_connections);
  port_ = acceptor_.local_endpoint().port();
}

void Listener::run() { net::dispatch(strand_, beast::bind_front_handler(&Listener::do_accept, shared_from_this())); }

void Listener::shutdown() {
  net::post(strand_, [self = shared_from_this()] {
    beast::error_code ignored;
    self->acceptor_.close(ignored);
    self->retry_.cancel();
  });
}

void Listener::do_accept() {
  acceptor_.async_accept(net::make_strand(ioc_), beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(beast::error_code ec, tcp::socket socket) {
  if (!acceptor_.is_open()) return;
  if (ec) {
    // Out of file descriptors or memory: wait a little instead of spinning on the error.
    state_->log().write(LogLevel::warn, LogLine().add("event", "accept_failed").add("error", ec.message()));
    retry_.expires_after(std::chrono::milliseconds(50));
    retry_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
      if (!wait_ec) self->do_accept();
    });
    return;
  }
  beast::error_code ignored;
  // Small request/answer frames: send each at once rather than wait for more (Nagle).
  socket.set_option(tcp::no_delay(true), ignored);
  ConnectionSlot slot;
  if (static_cast<std::size_t>(state_->metrics().open_connections()) < state_->config().max_connections)
    slot = ConnectionSlot(state_->metrics());
  std::make_shared<HttpSession>(std::move(socket), state_, std::move(slot))->run();
  do_accept();
}

}  // namespace adapters::server
