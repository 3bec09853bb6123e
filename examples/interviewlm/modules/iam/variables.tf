variable "project_id" {
  description = "Project of the service accounts and the workload identity pool."
  type        = string
}

variable "project_number" {
  description = "Project number (the workload identity principalSet names the project by number)."
  type        = string
}

variable "environment" {
  description = "Environment name."
  type        = string
}

variable "github_repository" {
  description = "The one GitHub repository (owner/repo) whose Actions workflows may impersonate the CI/CD service account."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be a concrete owner/repo, without wildcards."
  }
}

variable "github_deploy_ref" {
  description = "Git ref allowed to deploy to this environment (e.g. refs/heads/main); null allows any ref of the repository."
  type        = string
  default     = null
}
