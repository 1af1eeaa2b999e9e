/** The bus a disk is attached to in the guest. */
export enum DiskBus {
  /** Paravirtualized; fastest, needs virtio drivers (Linux has them; Windows needs virtio-win). */
  VIRTIO = 'virtio',
  /** Emulated SATA; works with any guest, the usual choice for CD-ROMs and Windows installs. */
  SATA = 'sata',
  /** Emulated SCSI (virtio-scsi controller); needed for LUNs and persistent reservations. */
  SCSI = 'scsi',
  /** Emulated USB storage. */
  USB = 'usb',
}

/** What the guest sees. */
export enum DiskType {
  /** A hard disk. */
  DISK = 'disk',
  /** A read-only CD-ROM drive (ISO images, driver discs). */
  CDROM = 'cdrom',
  /** A raw SCSI LUN passed through from a block volume. */
  LUN = 'lun',
}

/** Host-side caching mode of a disk. */
export enum DiskCache {
  NONE = 'none',
  WRITE_THROUGH = 'writethrough',
  WRITE_BACK = 'writeback',
}

/** How a volume is presented to the guest. */
export interface DiskOptions {
  /**
   * What the guest sees.
   * @default DiskType.DISK
   */
  readonly type?: DiskType;

  /**
   * The bus the device is attached to.
   * @default DiskBus.VIRTIO for disks, DiskBus.SATA for CD-ROMs, DiskBus.SCSI for LUNs
   */
  readonly bus?: DiskBus;

  /**
   * Boot priority, 1 first. Disks without a boot order are not booted from when any disk has one.
   * @default - no explicit order (the guest firmware decides)
   */
  readonly bootOrder?: number;

  /**
   * Present the disk read-only to the guest.
   * @default false (CD-ROMs are always read-only)
   */
  readonly readOnly?: boolean;

  /**
   * Serial number the guest sees (stable `/dev/disk/by-id/` names).
   * @default - none
   */
  readonly serial?: string;

  /**
   * Host-side cache mode.
   * @default - KubeVirt's choice (none where the storage supports direct I/O)
   */
  readonly cache?: DiskCache;

  /**
   * Attach the volume as a hotplug volume (claim-backed sources only): added to or removed from
   * the running VM when the disk appears in or leaves the manifest (KubeVirt's declarative
   * hotplug, on by default from v1.9.0). A hotplugged disk uses the virtio or SCSI bus, a LUN
   * SCSI; a CD-ROM takes a disc this way.
   * @default false
   */
  readonly hotpluggable?: boolean;

  /**
   * Give the disk an IO thread of its own (virtio bus only).
   * @default false
   */
  readonly dedicatedIoThread?: boolean;
}

/** A CD-ROM drive with no disc in it. */
export interface EmptyCdromOptions {
  /** Drive name, a DNS-1123 label unique among the VM's disks; a volume of that name inserts a disc. */
  readonly name: string;
  /**
   * The bus of the drive.
   * @default DiskBus.SATA
   */
  readonly bus?: DiskBus;
  /**
   * Boot priority, 1 first (an installer disc inserted later boots from it).
   * @default - no explicit order
   */
  readonly bootOrder?: number;
}
