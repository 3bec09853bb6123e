variable "project_id" {
  description = "Project of the instance."
  type        = string
}

variable "region" {
  description = "Region of the instance."
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

variable "tier" {
  description = "BASIC (single node) or STANDARD_HA (primary with a replica and automatic failover)."
  type        = string

  validation {
    condition     = contains(["BASIC", "STANDARD_HA"], var.tier)
    error_message = "tier must be BASIC or STANDARD_HA."
  }
}

variable "memory_size_gb" {
  description = "Memory in GiB (seed: 1 GB dev/staging, 5 GB prod)."
  type        = number
}

variable "network_id" {
  description = "Authorized VPC (private service access)."
  type        = string
}

variable "private_service_access_range_name" {
  description = "Allocated private service access range the instance takes its IPs from."
  type        = string
}

variable "auth_secret_id" {
  description = "Secret Manager secret (id) that receives the AUTH string Memorystore generates."
  type        = string
}
