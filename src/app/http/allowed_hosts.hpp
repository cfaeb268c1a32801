// Which Host and Origin values a request may carry (DNS rebinding and
// cross-site requests). A rebinding page reaches this server under the
// attacker's own name, so only names of this server are accepted, compared
// exactly: the bound address with its port, localhost, 127.0.0.1 and [::1]
// with the port, and names given with --allow-host. A server bound to every
// address (0.0.0.0, ::) also accepts any IP address with its port: a name
// is needed for rebinding, an address literal cannot be one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bp::app::http {

class AllowedHosts {
public:
    // `bind_host` as given to --host; `extra`: NAME (as sent, without a port,
    // or with this server's port) or NAME:PORT (exactly).
    AllowedHosts(std::string_view bind_host, int port, const std::vector<std::string>& extra = {});

    // A Host field value (empty: the field was missing).
    bool allows_host(std::string_view host) const;
    // An Origin field value: http(s)://authority; "null" and anything else are refused.
    bool allows_origin(std::string_view origin) const;

    // Accepted authorities (lower-case), for messages and tests.
    const std::vector<std::string>& authorities() const { return m_authorities; }

private:
    bool is_address_literal_with_port(std::string_view authority) const;

    std::vector<std::string> m_authorities;
    std::string m_port;
    bool m_any_address = false;
};

}  // namespace bp::app::http
