variable "project_id" {
  description = "Project that owns the VPC."
  type        = string
}

variable "region" {
  description = "Region of the subnetworks, router, NAT and connector."
  type        = string
}

variable "environment" {
  description = "Environment name (dev, staging, prod); part of every resource name."
  type        = string
}

variable "vpc_cidr" {
  description = "The environment's /20 (seed: dev 10.0.0.0/20, staging 10.1.0.0/20, prod 10.2.0.0/20). The first /21 is the workload subnetwork, a /28 from the second half is the connector subnetwork."
  type        = string

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && endswith(var.vpc_cidr, "/20")
    error_message = "vpc_cidr must be a /20 CIDR block."
  }
}

variable "private_service_access_cidr" {
  description = "Range reserved for private service access (Cloud SQL, Memorystore), outside vpc_cidr."
  type        = string
}

variable "connector_machine_type" {
  description = "Machine type of the Serverless VPC Access connector instances."
  type        = string
  default     = "e2-standard-4"
}

variable "connector_min_instances" {
  description = "Minimum connector instances."
  type        = number
  default     = 2
}

variable "connector_max_instances" {
  description = "Maximum connector instances."
  type        = number
  default     = 10
}

variable "flow_log_sampling" {
  description = "Fraction of flows sampled by VPC Flow Logs (0 < x <= 1)."
  type        = number
  default     = 0.5
}
