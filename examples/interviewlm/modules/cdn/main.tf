# Cloud CDN for static assets. Next.js serves its build assets (/_next/static/*) from the
# app container; this backend caches them at Google's edge. The origin is the app's
# serverless NEG, so no bucket has to be public for the CDN to fill. The load balancer
# routes static_paths here (modules/loadbalancer). Cloud Armor guards the dynamic
# backend; this one only ever serves the app's immutable build assets.

resource "google_compute_backend_service" "static" {
  project               = var.project_id
  name                  = "interviewlm-${var.environment}-static"
  description           = "Static assets cached at edge locations (Cloud CDN)."
  protocol              = "HTTPS"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  enable_cdn            = true
  compression_mode      = "AUTOMATIC"

  backend {
    group = var.network_endpoint_group_id
  }

  cdn_policy {
    cache_mode        = "CACHE_ALL_STATIC"
    default_ttl       = var.default_ttl
    max_ttl           = var.max_ttl
    client_ttl        = var.default_ttl
    negative_caching  = true
    serve_while_stale = 86400

    cache_key_policy {
      include_host         = true
      include_protocol     = true
      include_query_string = false
    }
  }

  log_config {
    enable      = true
    sample_rate = 0.1
  }
}
