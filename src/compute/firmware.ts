/** Options for `Firmware.efi`. */
export interface EfiOptions {
  /**
   * Secure Boot. Needs the q35 machine type; the VM gets SMM enabled for it.
   * (KubeVirt's own default is on; this library writes the choice explicitly.)
   * @default false
   */
  readonly secureBoot?: boolean;
  /**
   * Keep the EFI variables (NVRAM) across reboots.
   * @default false
   */
  readonly persistent?: boolean;
}

/** The guest firmware. */
export class Firmware {
  /** Legacy BIOS (SeaBIOS): KubeVirt's default. */
  public static bios(): Firmware {
    return new Firmware('bios', false, false);
  }

  /** UEFI (OVMF), optionally with Secure Boot: what Windows 11 and most current images expect. */
  public static efi(options: EfiOptions = {}): Firmware {
    return new Firmware('efi', options.secureBoot ?? false, options.persistent ?? false);
  }

  private constructor(
    public readonly bootloader: 'bios' | 'efi',
    public readonly secureBoot: boolean,
    public readonly persistent: boolean,
  ) {}
}
