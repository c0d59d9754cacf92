"""The maker's workspace (/my/): their organisations and members, their
commitments from draft to amendment, and their progress reports. Every
change goes through the domain's services."""
