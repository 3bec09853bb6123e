variable "project_id" {
  description = "Project of the load balancer."
  type        = string
}

variable "environment" {
  description = "Environment name."
  type        = string
}

variable "labels" {
  description = "Labels (must include environment)."
  type        = map(string)
}

variable "domain" {
  description = "Public host name of the environment (managed certificate)."
  type        = string
}

variable "network_endpoint_group_id" {
  description = "Serverless NEG of the app service."
  type        = string
}

variable "cdn_backend_service_id" {
  description = "CDN backend for static assets (modules/cdn)."
  type        = string
}

variable "static_paths" {
  description = "Paths routed to the CDN backend."
  type        = list(string)
}

variable "rate_limit_per_minute" {
  description = "Requests per minute and client IP before Cloud Armor throttles."
  type        = number
  default     = 600
}
