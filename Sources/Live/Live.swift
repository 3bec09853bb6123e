import HCL
