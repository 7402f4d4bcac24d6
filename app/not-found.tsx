import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <Link href="/" className="text-[#0072B2] underline dark:text-[#56B4E9]">
        Back to all runs
      </Link>
    </div>
  );
}
