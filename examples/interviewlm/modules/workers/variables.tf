variable "enabled" {
  description = "Create the workers (seed: disabled in dev)."
  type        = bool
}

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
  description = "Initial worker image; CI/CD deploys later revisions."
  type        = string
}

variable "min_instances" {
  description = "Always-on minimum (seed: staging 1, prod 2)."
  type        = number
  default     = 1
}

variable "max_instances" {
  description = "Maximum instances (seed: staging 3, prod 10)."
  type        = number
  default     = 3
}

variable "cpu" {
  description = "vCPU per worker instance."
  type        = string
  default     = "2"
}

variable "memory" {
  description = "Memory per worker instance."
  type        = string
  default     = "2Gi"
}

variable "job_timeout" {
  description = "Longest job (evaluations): one hour."
  type        = string
  default     = "3600s"
}

variable "service_account_email" {
  description = "Dedicated runtime service account (the same Cloud Run SA as the app)."
  type        = string
}

variable "cicd_service_account_email" {
  description = "CI/CD service account; gets roles/run.admin on this service only."
  type        = string
}

variable "vpc_connector_id" {
  description = "Serverless VPC Access connector for egress to Redis (BullMQ) and Cloud SQL."
  type        = string
}

variable "queues" {
  description = "BullMQ queues the workers consume."
  type        = list(string)
  default     = ["interview-agent", "evaluation-agent", "question-generator"]
}

variable "env" {
  description = "Plain (non-secret) environment variables."
  type        = map(string)
  default     = {}
}

variable "secret_env" {
  description = "Environment variables read from Secret Manager: variable name -> secret id."
  type        = map(string)
  default     = {}
}

variable "deletion_protection" {
  description = "Terraform-level deletion protection of the service."
  type        = bool
  default     = true
}
