#include "app/http/allowed_hosts.hpp"

#include <arpa/inet.h>

#include <algorithm>

#include "util/utf8.hpp"

namespace bp::app::http {

namespace {

bool is_ipv4(const std::string& s) {
    in_addr a{};
    return inet_pton(AF_INET, s.c_str(), &a) == 1;  // dotted quad only: no 127.1, no octal
}

bool is_ipv6(const std::string& s) {
    in6_addr a{};
    return inet_pton(AF_INET6, s.c_str(), &a) == 1;
}

// The authority form of an address or name: IPv6 in brackets.
std::string authority_host(std::string_view host) {
    std::string h = ascii_lower(host);
    if (!h.empty() && h.front() != '[' && is_ipv6(h)) return "[" + h + "]";
    return h;
}

}  // namespace

AllowedHosts::AllowedHosts(std::string_view bind_host, int port, const std::vector<std::string>& extra)
    : m_port(std::to_string(port)) {
    std::string bound = ascii_lower(bind_host);
    m_any_address = bound.empty() || bound == "0.0.0.0" || bound == "::" || bound == "[::]";
    auto add = [&](std::string a) {
        if (std::find(m_authorities.begin(), m_authorities.end(), a) == m_authorities.end())
            m_authorities.push_back(std::move(a));
    };
    for (const char* name : {"localhost", "127.0.0.1", "[::1]"}) add(std::string(name) + ":" + m_port);
    if (!m_any_address) add(authority_host(bound) + ":" + m_port);
    for (const auto& e : extra) {
        std::string a = ascii_lower(e);
        if (a.empty()) continue;
        // NAME:PORT as given; a bare NAME also without a port, as a proxy sends it for its default port.
        bool has_port = a.back() != ']' && a.find(':') != std::string::npos && a.find(':') == a.rfind(':');
        if (has_port) {
            add(a);
        } else {
            add(authority_host(a));
            add(authority_host(a) + ":" + m_port);
        }
    }
}

bool AllowedHosts::is_address_literal_with_port(std::string_view authority) const {
    auto colon = authority.rfind(':');
    if (colon == std::string_view::npos || authority.substr(colon + 1) != m_port) return false;
    std::string host(authority.substr(0, colon));
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') return is_ipv6(host.substr(1, host.size() - 2));
    return is_ipv4(host);
}

bool AllowedHosts::allows_host(std::string_view host) const {
    if (host.empty()) return false;
    std::string h = ascii_lower(host);
    if (std::find(m_authorities.begin(), m_authorities.end(), h) != m_authorities.end()) return true;
    return m_any_address && is_address_literal_with_port(h);
}

bool AllowedHosts::allows_origin(std::string_view origin) const {
    std::string o = ascii_lower(origin);
    std::string_view rest(o);
    if (rest.starts_with("http://")) rest.remove_prefix(7);
    else if (rest.starts_with("https://")) rest.remove_prefix(8);
    else return false;  // "null" (sandboxed frames, file: pages) and other schemes
    if (rest.find('/') != std::string_view::npos) return false;
    return allows_host(rest);
}

}  // namespace bp::app::http
