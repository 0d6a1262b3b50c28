export declare const WORKSPACE_ROOT: string;

export interface WorkspacePackage {
  readonly dir: string;
  readonly name: string;
  readonly manifest: {
    name: string;
    private?: boolean;
    exports?: Record<string, Record<string, string>>;
    dependencies?: Record<string, string>;
  };
}

export interface PackedPackage {
  readonly name: string;
  readonly dir: string;
  readonly tarball: string;
  readonly bytes: number;
  readonly files: string[];
}

export declare function publishablePackages(): WorkspacePackage[];
export declare function packWorkspace(destination: string): Promise<PackedPackage[]>;
