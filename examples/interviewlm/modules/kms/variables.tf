variable "project_id" {
  description = "Project that owns the key ring."
  type        = string
}

variable "project_number" {
  description = "Project number; names the Google-managed service agents that use the keys."
  type        = string
}

variable "region" {
  description = "Key ring location; must match the Cloud SQL and Artifact Registry region."
  type        = string
}

variable "environment" {
  description = "Environment name."
  type        = string
}

variable "labels" {
  description = "Labels for every key (must include environment)."
  type        = map(string)
}

variable "rotation_period" {
  description = "Automatic rotation period of every key; at most 90 days."
  type        = string
  default     = "7776000s"

  validation {
    condition     = tonumber(trimsuffix(var.rotation_period, "s")) <= 7776000
    error_message = "Keys must rotate at least every 90 days (7776000s)."
  }
}
