variable "project_id" {
  description = "Project of the backend."
  type        = string
}

variable "environment" {
  description = "Environment name."
  type        = string
}

variable "network_endpoint_group_id" {
  description = "Serverless NEG of the app service (origin of the static assets)."
  type        = string
}

variable "default_ttl" {
  description = "Default edge TTL (seconds) for responses without Cache-Control."
  type        = number
  default     = 3600
}

variable "max_ttl" {
  description = "Maximum edge TTL (seconds)."
  type        = number
  default     = 86400
}

variable "static_paths" {
  description = "URL paths served through the CDN backend."
  type        = list(string)
  default     = ["/_next/static/*", "/static/*", "/favicon.ico"]
}
