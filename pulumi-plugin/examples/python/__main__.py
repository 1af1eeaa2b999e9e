"""KubeVirt, a secondary network, a shared disk and a VM with a fixed address, from Python.

Set up once in the project: `pulumi package add <project>/node_modules/kubevirt-constructs/pulumi-plugin`
(after `npm install kubevirt-constructs cdk8s cdk8s-plus-32 constructs @pulumi/pulumi @pulumi/kubernetes`).
"""
import pulumi
import pulumi_kubevirt_constructs as kv

config = pulumi.Config()

runtime = kv.VirtualizationRuntime(
    "virt",
    mode="kubevirt",
    kubevirt_version="v1.6.2",
    cdi_version="v1.62.0",
    emulation=True,
)

backend = kv.NetworkAttachmentDefinition(
    "backend",
    namespace="apps",
    cni="bridge",
    bridge="br-backend",
    opts=pulumi.ResourceOptions(depends_on=[runtime]),
)

shared = kv.DataVolume(
    "shared",
    namespace="apps",
    create_namespace=False,
    size="20Gi",
    storage_class="ceph-rbd",
    opts=pulumi.ResourceOptions(depends_on=[backend]),
)

db = kv.VirtualMachine(
    "db",
    namespace="apps",
    create_namespace=False,
    cores=2,
    memory="4Gi",
    root_disk_image_url="https://images.example.com/rhel9.qcow2",
    storage_class="ceph-rbd",
    data_disks=[{"name": "pgdata", "size": "50Gi"}],
    networks=[{
        "network": "backend",
        "ip": "10.10.0.7",
        "ip_pool_cidr": "10.10.0.0/24",
        "ip_pool_gateway": "10.10.0.1",
    }],
    pod_network_ports=[5432],
    service_ports=[5432],
    ssh_public_keys=[config.require("sshPublicKey")],
    user_data=config.require_secret("userData"),
    ready_timeout="20m",
    opts=pulumi.ResourceOptions(depends_on=[runtime, backend, shared]),
)

pulumi.export("vmName", db.vm_name)
pulumi.export("services", db.service_names)
pulumi.export("ports", db.service_ports)
pulumi.export("ips", db.ip_addresses)
