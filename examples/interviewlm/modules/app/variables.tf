variable "project_id" {
  description = "Project of the service."
  type        = string
}

variable "region" {
  description = "Region of the service."
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

variable "image" {
  description = "Initial container image; CI/CD deploys later revisions (the image is then ignored by Terraform)."
  type        = string
}

variable "min_instances" {
  description = "Minimum instances (seed: dev 0, staging 0, prod 2)."
  type        = number
}

variable "max_instances" {
  description = "Maximum instances (seed: dev 2, staging 5, prod 20)."
  type        = number
}

variable "cpu" {
  description = "vCPU per instance (seed: 1 / 2 / 4)."
  type        = string
}

variable "memory" {
  description = "Memory per instance (seed: 512Mi / 1Gi / 2Gi)."
  type        = string
}

variable "concurrency" {
  description = "Concurrent requests per instance."
  type        = number
  default     = 80
}

variable "request_timeout" {
  description = "Request timeout; long enough for interview WebSocket sessions to reconnect rarely."
  type        = string
  default     = "900s"
}

variable "service_account_email" {
  description = "Dedicated runtime service account (never the default compute account)."
  type        = string
}

variable "cicd_service_account_email" {
  description = "CI/CD service account; gets roles/run.admin on this service only."
  type        = string
}

variable "vpc_connector_id" {
  description = "Serverless VPC Access connector for egress to Cloud SQL and Redis."
  type        = string
}

variable "env" {
  description = "Plain (non-secret) environment variables."
  type        = map(string)
  default     = {}
}

variable "secret_env" {
  description = "Environment variables read from Secret Manager: variable name -> secret id (latest version)."
  type        = map(string)
  default     = {}
}

variable "deletion_protection" {
  description = "Terraform-level deletion protection of the service."
  type        = bool
  default     = true
}
