#include "adapters/server/listener.hpp"

#include <stdexcept>
#include <string>

#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>

#include "adapters/server/http_session.hpp"

namespace adapters::server {
namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

namespace {

std::string authority(const tcp::endpoint& endpoint) {
  const auto address = endpoint.address().to_string();
  const auto port = std::to_string(endpoint.port());
  return endpoint.address().is_v6() ? "[" + address + "]:" + port : address + ":" + port;
}

// What went wrong opening the port, in the operator's terms.
std::string listen_error(const tcp::endpoint& endpoint, const beast::error_code& ec) {
  const std::string where = "cannot listen on " + authority(endpoint) + ": ";
  if (ec == net::error::address_in_use)
    return where + "the address is already in use: another process (or another mlops-bot) holds port " +
           std::to_string(endpoint.port()) + "; stop it, or pick another port with --port (MLOPS_BOT_PORT)";
  if (ec == net::error::access_denied)
    return where + "permission denied: ports below 1024 need privileges; pick another with --port (MLOPS_BOT_PORT)";
  if (ec == boost::system::errc::address_not_available)
    return where + "the address is not one of this machine's; pick another with --host (MLOPS_BOT_HOST)";
  return where + ec.message();
}

// What an accepted connection from `peer` may hold: its place in its client's count (unless
// the peer is a trusted proxy, whose connections carry many clients) and a full or a reserve
// slot. Kind::none: refuse it (the reason is counted in the metrics).
ConnectionSlot admit(SharedState& state, const net::ip::address& peer) {
  const auto& config = state.config();
  ConnectionSlot slot;
  if (state.clients().caps_connections() && !config.trusted_proxies.contains(peer) &&
      !slot.charge(state.clients(), client_key(peer))) {
    state.metrics().count_rejected("client_connection_limit");
    return slot;
  }
  auto& metrics = state.metrics();
  if (static_cast<std::size_t>(metrics.open_connections()) < config.max_connections)
    slot.admit(metrics, ConnectionSlot::Kind::full);
  else if (static_cast<std::size_t>(metrics.open_reserve_connections()) < config.reserve_connections)
    slot.admit(metrics, ConnectionSlot::Kind::reserve);
  else
    metrics.count_rejected("connection_limit");
  return slot;
}

}  // namespace

Listener::Listener(net::io_context& ioc, const tcp::endpoint& endpoint, std::shared_ptr<SharedState> state)
    : ioc_(ioc), strand_(net::make_strand(ioc)), acceptor_(strand_), retry_(strand_), state_(std::move(state)) {
  beast::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error(listen_error(endpoint, ec));
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
  acceptor_.async_accept(net::make_strand(ioc_), peer_,
                         beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(beast::error_code ec, tcp::socket socket) {
  if (!acceptor_.is_open()) return;
  if (ec == net::error::connection_aborted) return do_accept();  // the client gave up while queued
  if (ec) {
    // Out of descriptors (EMFILE, ENFILE) or memory: the pending connections wait in the
    // backlog. Retrying at once would spin on the same error, so wait, and say it once.
    if (failed_accepts_++ == 0)
      state_->log().write(LogLevel::warn,
                          LogLine()
                              .add("event", "accept_failed")
                              .add("error", ec.message())
                              .add("effect", "new connections wait until open ones close; retrying every " +
                                                     std::to_string(kAcceptRetry.count()) + " ms")
                              .add("remedy", "raise the descriptor limit (ulimit -n) or lower --max-connections"));
    retry_.expires_after(kAcceptRetry);
    retry_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
      if (!wait_ec) self->do_accept();
    });
    return;
  }
  if (failed_accepts_) {
    state_->log().write(LogLevel::warn, LogLine()
                                            .add("event", "accept_resumed")
                                            .add("failed_attempts", static_cast<std::int64_t>(failed_accepts_)));
    failed_accepts_ = 0;
  }
  ConnectionSlot slot = admit(*state_, peer_.address());
  if (slot.kind() == ConnectionSlot::Kind::none) {
    beast::error_code ignored;
    socket.close(ignored);
    return do_accept();
  }
  beast::error_code ignored;
  // Small request/answer frames: send each at once rather than wait for more (Nagle).
  socket.set_option(tcp::no_delay(true), ignored);
  std::make_shared<HttpSession>(std::move(socket), peer_.address(), state_, std::move(slot))->run();
  do_accept();
}

}  // namespace adapters::server
