import { FORCES } from '../../src/reference/forces.js';

// Every force's towns with real postcode districts. `*` marks an exporting hub
// (where OCGs are based); after the districts come the other names forces use
// for the same place (`Lambeth` is also `Brixton`, `South London`, `London`).
// Format: `Area[*]=DISTRICTS[=alias/alias]` separated by `;`.
const TABLE: Record<string, string> = {
  MET: 'Lambeth*=SW2 SW9 SE11=Brixton/South London/London; Hackney*=E5 E8 E9=Clapton/East London/London; Brent*=NW10 HA9=Harlesden/North West London; Newham*=E13 E15=Stratford/East London; Haringey*=N15 N17=Tottenham/North London; Southwark*=SE5 SE15=Peckham/South London; Croydon*=CR0=Thornton Heath/South London; Bromley=BR1 BR5; Havering=RM1 RM3=Romford; Sutton=SM1',
  COL: 'City of London=EC2 EC3 EC4',
  DER: 'Derby=DE1 DE23 DE24; Chesterfield=S40 S41; Buxton=SK17; Swadlincote=DE11; Ilkeston=DE7',
  LEI: 'Leicester=LE1 LE2 LE4; Loughborough=LE11; Market Harborough=LE16; Hinckley=LE10; Coalville=LE67; Melton Mowbray=LE13',
  LIN: 'Boston=PE21; Lincoln=LN1 LN2 LN5; Grantham=NG31; Skegness=PE25; Spalding=PE11; Gainsborough=DN21',
  NTH: 'Corby=NN17 NN18; Northampton=NN1 NN3 NN5; Kettering=NN15 NN16; Wellingborough=NN8; Daventry=NN11',
  NOT: "St Ann's*=NG3=Nottingham/St Anns; Meadows*=NG2=Nottingham/The Meadows; Mansfield=NG18 NG19; Worksop=S80 S81; Newark=NG24; Bulwell=NG6",
  BDF: 'Luton*=LU1 LU2 LU4; Bedford=MK40 MK42; Dunstable=LU6; Leighton Buzzard=LU7',
  CAM: 'Peterborough=PE1 PE2; Cambridge=CB1 CB4; Huntingdon=PE29; Wisbech=PE13; March=PE15',
  ESX: 'Southend=SS1 SS2=Southend-on-Sea; Basildon=SS14 SS16; Colchester=CO1 CO2; Chelmsford=CM1 CM2; Harlow=CM20; Clacton=CO15=Clacton-on-Sea',
  HRT: 'Stevenage=SG1 SG2; Watford=WD17 WD24; Hemel Hempstead=HP1 HP2; Hatfield=AL10; Hitchin=SG4',
  KNT: 'Margate=CT9; Chatham=ME4 ME5; Maidstone=ME14 ME15; Dartford=DA1; Folkestone=CT19 CT20; Canterbury=CT1; Ashford=TN23',
  NFK: "Norwich=NR1 NR2 NR3; Great Yarmouth=NR30 NR31; King's Lynn=PE30; Thetford=IP24; Cromer=NR27",
  SFK: 'Ipswich=IP1 IP3 IP4; Lowestoft=NR32 NR33; Bury St Edmunds=IP32 IP33; Felixstowe=IP11; Haverhill=CB9',
  CLE: 'Middlesbrough*=TS1 TS3=Teesside; Hartlepool=TS24 TS25; Stockton=TS18 TS19=Stockton-on-Tees; Redcar=TS10',
  DUR: 'Darlington=DL1 DL3; Durham=DH1; Peterlee=SR8; Bishop Auckland=DL14; Consett=DH8',
  NTB: 'Newcastle*=NE4 NE6=Newcastle upon Tyne/Tyneside; Sunderland=SR1 SR4; Gateshead=NE8; South Shields=NE33; Blyth=NE24',
  CHE: 'Crewe=CW1 CW2; Chester=CH1 CH2; Warrington=WA1 WA5; Ellesmere Port=CH65; Macclesfield=SK10 SK11; Northwich=CW9',
  CUM: 'Carlisle=CA1 CA2; Barrow-in-Furness=LA14=Barrow; Workington=CA14; Kendal=LA9; Whitehaven=CA28',
  GMP: 'Moss Side*=M14 M16=Manchester/Hulme/South Manchester; Salford*=M6 M7=Manchester; Longsight*=M12 M13=Manchester; Oldham*=OL1 OL8; Wigan=WN1 WN5; Bolton=BL1 BL3; Rochdale=OL11 OL16',
  LAN: 'Blackpool=FY1 FY4; Preston=PR1 PR2; Blackburn=BB1 BB2; Burnley=BB10 BB11; Lancaster=LA1; Morecambe=LA4',
  MER: 'Toxteth*=L8=Liverpool 8/Liverpool; Anfield*=L4 L6=Liverpool/Everton; Kirkby*=L32 L33=Knowsley; Huyton*=L36=Knowsley; Birkenhead=CH41 CH42=Wirral; St Helens=WA9 WA10; Bootle=L20',
  NWA: 'Wrexham=LL11 LL13; Rhyl=LL18; Bangor=LL57; Colwyn Bay=LL29; Holyhead=LL65',
  HAM: 'Southampton*=SO14 SO15; Portsmouth=PO1 PO4; Basingstoke=RG21 RG24; Newport=PO30=Isle of Wight; Andover=SP10; Aldershot=GU11',
  SUR: 'Guildford=GU1 GU2; Woking=GU21 GU22; Staines=TW18=Staines-upon-Thames; Redhill=RH1; Epsom=KT17 KT19',
  SSX: 'Brighton=BN1 BN2=Brighton and Hove; Hastings=TN34; Crawley=RH10 RH11; Eastbourne=BN21 BN22; Worthing=BN11; Bognor Regis=PO21',
  TVP: 'Slough*=SL1 SL2; Reading*=RG1 RG30; Oxford=OX4; Milton Keynes=MK6 MK13; High Wycombe=HP13; Aylesbury=HP19; Banbury=OX16',
  AVS: "St Pauls*=BS2=Bristol/St Paul's; Easton*=BS5=Bristol; Weston-super-Mare=BS23=Weston; Taunton=TA1; Bath=BA1 BA2; Yeovil=BA20; Bridgwater=TA6",
  DEC: 'Plymouth=PL1 PL4 PL5; Exeter=EX1 EX4; Torquay=TQ1 TQ2=Torbay; Newquay=TR7; Truro=TR1; Barnstaple=EX31; Penzance=TR18',
  DOR: 'Bournemouth=BH1 BH8; Poole=BH12 BH15; Weymouth=DT4; Dorchester=DT1',
  GLO: 'Gloucester=GL1 GL4; Cheltenham=GL50 GL51; Stroud=GL5; Tewkesbury=GL20',
  WIL: 'Swindon=SN1 SN2 SN3; Salisbury=SP1 SP2; Chippenham=SN15; Trowbridge=BA14',
  DYP: 'Aberystwyth=SY23; Llanelli=SA15; Carmarthen=SA31; Haverfordwest=SA61; Newtown=SY16; Brecon=LD3',
  GWE: 'Newport=NP19 NP20; Cwmbran=NP44; Ebbw Vale=NP23; Abergavenny=NP7; Pontypool=NP4',
  SWA: 'Cardiff*=CF10 CF11 CF24; Swansea=SA1 SA5; Merthyr Tydfil=CF47=Merthyr; Bridgend=CF31; Barry=CF62; Port Talbot=SA12',
  STA: 'Stoke-on-Trent=ST1 ST4 ST6=Stoke; Stafford=ST16 ST17; Burton upon Trent=DE14 DE15=Burton; Tamworth=B77 B79; Cannock=WS11; Newcastle-under-Lyme=ST5',
  WAR: 'Nuneaton=CV10 CV11; Rugby=CV21 CV22; Leamington Spa=CV31 CV32=Leamington; Warwick=CV34; Stratford-upon-Avon=CV37',
  WMC: 'Worcester=WR1 WR4 WR5; Hereford=HR1 HR2; Telford=TF1 TF3; Shrewsbury=SY1; Kidderminster=DY10 DY11; Redditch=B97 B98',
  WMP: 'Handsworth*=B20 B21=Birmingham/Lozells; Aston*=B6=Birmingham; Small Heath*=B10=Birmingham; Wolverhampton*=WV1 WV10=Wolves; Coventry=CV1 CV2; Walsall=WS1 WS2; West Bromwich=B70',
  HUM: 'Hull=HU3 HU5 HU9=Kingston upon Hull; Grimsby=DN31 DN32; Scunthorpe=DN15 DN16; Bridlington=YO15; Goole=DN14',
  NYP: 'Scarborough=YO11 YO12; York=YO1 YO10 YO31; Harrogate=HG1; Selby=YO8; Northallerton=DL6',
  SYP: 'Sheffield*=S2 S4=Page Hall; Rotherham=S60 S65; Doncaster=DN1 DN4; Barnsley=S70',
  WYP: 'Chapeltown*=LS7 LS8=Leeds; Bradford*=BD3 BD8; Huddersfield=HD1; Wakefield=WF1; Halifax=HX1; Dewsbury=WF12',
  BTP: "London Euston=NW1=Euston; Birmingham New Street=B2=New Street; Manchester Piccadilly=M1; Liverpool Lime Street=L1=Lime Street; London King's Cross=N1=Kings Cross; Leeds Station=LS1",
};

/** How often OCGs are based in each hub force (the big exporting cities dominate). */
export const HUB_WEIGHTS: Readonly<Record<string, number>> = {
  MET: 10, MER: 6, WMP: 6, GMP: 5, WYP: 3, NOT: 2, AVS: 2, SYP: 2, NTB: 2, TVP: 2, BDF: 1, SWA: 1, CLE: 1, HAM: 1,
};

export interface Area {
  force: string;
  name: string;
  districts: string[];
  aliases: string[];
  hub: boolean;
}

function parse(force: string, spec: string): Area[] {
  return spec.split(';').map((part) => {
    const [rawName, districts, aliases = ''] = part.trim().split('=');
    const hub = rawName.endsWith('*');
    return {
      force,
      name: hub ? rawName.slice(0, -1) : rawName,
      districts: districts.split(' '),
      aliases: aliases ? aliases.split('/') : [],
      hub,
    };
  });
}

export const AREAS: Readonly<Record<string, readonly Area[]>> = Object.fromEntries(
  Object.entries(TABLE).map(([force, spec]) => [force, parse(force, spec)]),
);

for (const f of FORCES) if (!AREAS[f.code]) throw new Error(`places: no areas for force ${f.code}`);

export const hubAreas = (force: string) => AREAS[force].filter((a) => a.hub);
export const importAreas = (force: string) => AREAS[force].filter((a) => !a.hub);
export const isHubForce = (force: string) => hubAreas(force).length > 0;
