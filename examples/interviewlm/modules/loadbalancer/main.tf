# Global external Application Load Balancer: HTTPS termination with a Google-managed
# certificate and a TLS 1.2+ policy, Cloud Armor (adaptive DDoS protection, OWASP rules,
# per-IP rate limiting) in front of the app, static paths to the CDN backend, and an
# HTTP listener that only redirects to HTTPS.

locals {
  name = "interviewlm-${var.environment}"
}

resource "google_compute_global_address" "lb" {
  project      = var.project_id
  name         = "${local.name}-lb"
  description  = "Public IPv4 address of the HTTPS load balancer."
  address_type = "EXTERNAL"
  ip_version   = "IPV4"
  labels       = var.labels
}

resource "google_compute_managed_ssl_certificate" "app" {
  project = var.project_id
  name    = "${local.name}-cert"

  managed {
    domains = [var.domain]
  }
}

resource "google_compute_ssl_policy" "modern" {
  project         = var.project_id
  name            = "${local.name}-tls"
  profile         = "MODERN"
  min_tls_version = "TLS_1_2"
}

resource "google_compute_security_policy" "armor" {
  project     = var.project_id
  name        = "${local.name}-armor"
  description = "Cloud Armor for the InterviewLM front end."
  type        = "CLOUD_ARMOR"

  adaptive_protection_config {
    layer_7_ddos_defense_config {
      enable = true
    }
  }

  rule {
    description = "OWASP: SQL injection"
    action      = "deny(403)"
    priority    = 1000
    match {
      expr {
        expression = "evaluatePreconfiguredWaf('sqli-v33-stable', {'sensitivity': 1})"
      }
    }
  }

  rule {
    description = "OWASP: cross-site scripting"
    action      = "deny(403)"
    priority    = 1001
    match {
      expr {
        expression = "evaluatePreconfiguredWaf('xss-v33-stable', {'sensitivity': 1})"
      }
    }
  }

  rule {
    description = "Per-client rate limit"
    action      = "throttle"
    priority    = 2000
    match {
      versioned_expr = "SRC_IPS_V1"
      config {
        src_ip_ranges = ["*"]
      }
    }
    rate_limit_options {
      conform_action = "allow"
      exceed_action  = "deny(429)"
      enforce_on_key = "IP"
      rate_limit_threshold {
        count        = var.rate_limit_per_minute
        interval_sec = 60
      }
    }
  }

  rule {
    description = "Default: allow"
    action      = "allow"
    priority    = 2147483647
    match {
      versioned_expr = "SRC_IPS_V1"
      config {
        src_ip_ranges = ["*"]
      }
    }
  }
}

resource "google_compute_backend_service" "app" {
  project               = var.project_id
  name                  = "${local.name}-app"
  description           = "Dynamic requests to the app (Cloud Run serverless NEG)."
  protocol              = "HTTPS"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  security_policy       = google_compute_security_policy.armor.id

  backend {
    group = var.network_endpoint_group_id
  }

  log_config {
    enable      = true
    sample_rate = 1.0
  }
}

resource "google_compute_url_map" "https" {
  project         = var.project_id
  name            = "${local.name}-https"
  description     = "Static assets to Cloud CDN, everything else to the app."
  default_service = google_compute_backend_service.app.id

  host_rule {
    hosts        = [var.domain]
    path_matcher = "app"
  }

  path_matcher {
    name            = "app"
    default_service = google_compute_backend_service.app.id

    path_rule {
      paths   = var.static_paths
      service = var.cdn_backend_service_id
    }
  }
}

resource "google_compute_target_https_proxy" "https" {
  project          = var.project_id
  name             = "${local.name}-https"
  url_map          = google_compute_url_map.https.id
  ssl_certificates = [google_compute_managed_ssl_certificate.app.id]
  ssl_policy       = google_compute_ssl_policy.modern.id
}

resource "google_compute_global_forwarding_rule" "https" {
  project               = var.project_id
  name                  = "${local.name}-https"
  target                = google_compute_target_https_proxy.https.id
  ip_address            = google_compute_global_address.lb.id
  ip_protocol           = "TCP"
  port_range            = "443"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  labels                = var.labels
}

# Port 80 only redirects to HTTPS.
resource "google_compute_url_map" "http_redirect" {
  project     = var.project_id
  name        = "${local.name}-http-redirect"
  description = "Redirects HTTP to HTTPS."

  default_url_redirect {
    https_redirect         = true
    redirect_response_code = "MOVED_PERMANENTLY_DEFAULT"
    strip_query            = false
  }
}

resource "google_compute_target_http_proxy" "http_redirect" {
  project = var.project_id
  name    = "${local.name}-http-redirect"
  url_map = google_compute_url_map.http_redirect.id
}

resource "google_compute_global_forwarding_rule" "http_redirect" {
  project               = var.project_id
  name                  = "${local.name}-http-redirect"
  target                = google_compute_target_http_proxy.http_redirect.id
  ip_address            = google_compute_global_address.lb.id
  ip_protocol           = "TCP"
  port_range            = "80"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  labels                = var.labels
}
