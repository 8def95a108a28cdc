// What one accepted TCP connection holds while it lives: its place in its client's connection
// count, and one of the server's connection slots.
#pragma once

#include <utility>

#include "adapters/server/client_table.hpp"
#include "adapters/server/metrics.hpp"

namespace adapters::server {

// Move-only; gives everything back when destroyed. Not synchronized: owned by one session at a
// time (the HTTP session, then the WebSocket session it upgrades to).
class ConnectionSlot {
 public:
  enum class Kind {
    none,     // holds nothing: refused, or moved from
    full,     // within --max-connections: every route
    reserve,  // beyond it, one of the few kept so /healthz, /readyz and /metrics still answer
  };

  ConnectionSlot() = default;
  ConnectionSlot(ConnectionSlot&& other) noexcept { swap(other); }
  ConnectionSlot& operator=(ConnectionSlot&& other) noexcept {
    swap(other);
    return *this;
  }
  ~ConnectionSlot() {
    if (clients_) clients_->close(client_);
    if (!metrics_) return;
    if (kind_ == Kind::full)
      metrics_->connection_closed();
    else
      metrics_->reserve_connection_closed();
  }

  // Takes a slot of `kind` (full or reserve), counted in `metrics` until destroyed. Once.
  void admit(Metrics& metrics, Kind kind) {
    metrics_ = &metrics;
    kind_ = kind;
    if (kind_ == Kind::full)
      metrics_->connection_opened();
    else
      metrics_->reserve_connection_opened();
  }

  Kind kind() const { return kind_; }

  // Counts this connection as one of `client`'s in `clients`, once: false when that client is
  // at its cap. A connection already counted for a client stays with it (true).
  bool charge(ClientTable& clients, const ClientKey& client) {
    if (clients_) return true;
    if (!clients.try_open(client)) return false;
    clients_ = &clients;
    client_ = client;
    return true;
  }

 private:
  void swap(ConnectionSlot& other) noexcept {
    std::swap(metrics_, other.metrics_);
    std::swap(kind_, other.kind_);
    std::swap(clients_, other.clients_);
    std::swap(client_, other.client_);
  }

  Metrics* metrics_ = nullptr;
  Kind kind_ = Kind::none;
  ClientTable* clients_ = nullptr;  // set when counted for client_
  ClientKey client_;
};

}  // namespace adapters::server
